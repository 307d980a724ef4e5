"""The rule language: grammar, parser, AST, type checker, evaluators. Knows nothing of clinics."""
