"""The exit statuses every ``vardval`` command shares, declared once."""

EXIT_OK = 0  # nothing at or above the threshold
EXIT_FINDINGS = 1  # a finding at or above --fail-on failed, or a submission is invalid
EXIT_USAGE = 2  # usage errors, unreadable or invalid rule files, no input
EXIT_INTERNAL = 3  # a bug in vardval
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE"]
