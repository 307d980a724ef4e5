"""The exit statuses every ``vardval`` command shares, declared once (docs/exit-codes.md).

- 0: clean (check: nothing that counts; lint: no problems; test: every case as expected and
  coverage complete);
- 1: findings (check: an invalid submission or a finding that counts by ``--fail-on`` and
  ``--fail-on-indeterminate``; lint: problems in the rules; test: a case failed or coverage
  is short);
- 2: usage errors, unreadable input (a missing file or path), invalid rule or case files;
- 3: an internal error (a bug in vardval, or a `check --jobs` worker killed from outside);
  130 when interrupted (Ctrl-C), 128 + the signal on SIGTERM or SIGHUP.
"""

EXIT_OK = 0  # clean: nothing that counts
EXIT_FINDINGS = 1  # findings that count, invalid submissions, lint problems, failed cases
EXIT_USAGE = 2  # usage errors, unreadable input (a missing file), invalid rule files
EXIT_INTERNAL = 3  # a bug in vardval
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE"]
