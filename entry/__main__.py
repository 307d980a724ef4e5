"""``python -m vardval``: the same command line as the ``vardval`` script."""

import sys

from vardval.checker.cli import main

sys.exit(main())
