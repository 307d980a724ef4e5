"""vardval: rules-as-code checks of Swedish primary-care submissions.

The public Python API is ``vardval.checker`` (see ``docs/python-api.md``); this package only
joins the parts (``vardval.dsl``, ``vardval.checker``, ``vardval.rules``) and runs the command
line as ``python -m vardval``.
"""
