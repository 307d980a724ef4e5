"""vardval: rules-as-code checks of Swedish primary-care submissions.

The public Python API is ``vardval.checker`` (see ``docs/python-api.md``); this package only
joins the parts (``vardval.dsl``, ``vardval.checker``, ``vardval.rules``) and runs the command
line as ``python -m vardval``.
"""

# The one place the version is written: setuptools reads it statically for the metadata
# (pyproject.toml), and reports, the cache key, the store and the service read it here, which
# costs nothing, where ``importlib.metadata`` costs every check its scan of the installed
# distributions and the email package.
__version__ = "0.1.0"
