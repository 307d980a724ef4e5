"""The engine: submissions, rulebooks, evaluation, findings, reports and the CLI."""
