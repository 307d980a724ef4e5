"""The rule corpus (YAML data, not code); a package only so that it ships with vardval."""
