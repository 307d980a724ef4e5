# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Each creates .venv when missing and (re)installs the project when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint docs serve bench clean serve-demo screenshots parser

# axe-core, the accessibility engine the browser tests run in Chromium: a pinned version from
# the npm registry into build/ (gitignored), so a fresh clone gets exactly this one.
AXE_VERSION := 4.10.3
AXE := build/axe/node_modules/axe-core/axe.min.js

# pip and setuptools talk a lot while installing (build notes, index warnings); their words
# go to .venv/install.log and are shown only when the install fails.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing vardval and its tools into $(VENV) (log: $(VENV)/install.log)"
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 \
	  && $(BIN)/python -m pip install -e '.[test,docs,lint,lsp,serve]' >> $(VENV)/install.log 2>&1 \
	  || { cat $(VENV)/install.log; exit 1; }
	touch $(STAMP)

# Checks the bundled example submissions, then shows how a broken one is reported.
# Exit status 1 means "findings or invalid input" and is the expected outcome here.
demo: $(STAMP)
	$(BIN)/vardval check fixtures/submissions/ || test $$? -eq 1
	$(BIN)/vardval check fixtures/broken/ || test $$? -eq 1

$(AXE):
	mkdir -p build/axe
	cd build/axe && echo '{"private": true}' > package.json \
	  && npm install --no-audit --no-fund --ignore-scripts --save-exact axe-core@$(AXE_VERSION) >/dev/null

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -q

# The gates: ruff with the rule set in pyproject.toml, and mypy --strict with every vardval
# import resolved (scripts/typecheck.py). Both must report nothing.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python scripts/typecheck.py

clean:
	rm -rf $(VENV) site build *.egg-info

# Builds the documentation site (rule pages generated from rules/) into site/; fails on any
# broken link or reference.
docs: $(STAMP)
	$(BIN)/python -m mkdocs build --strict --site-dir site

# Serves the documentation at http://127.0.0.1:8000, rebuilding when docs/ or rules/ change.
serve: $(STAMP)
	$(BIN)/python -m mkdocs serve --watch rules --watch fixtures/cases

# `vardval serve` on the bundled examples with demo users (their tokens are printed): open
# http://127.0.0.1:8080/ ; Ctrl-C stops it.
serve-demo: $(STAMP)
	$(BIN)/python scripts/serve_demo.py

# Writes dsl/standalone_parser.py, the rule language's parser, from dsl/grammar.lark (run it
# after changing the grammar; a test fails while the module is stale).
parser: $(STAMP)
	$(BIN)/python scripts/make_parser.py

# Screenshots of the service's pages for docs/service.md, taken by the browser tests.
screenshots: $(STAMP) $(AXE)
	VARDVAL_SCREENSHOTS=$(CURDIR)/docs/img $(BIN)/python -m pytest -q tests/service/test_browser.py

# Measures loading, evaluation throughput (compiled, interpreted, hand-written) and
# `vardval check` end to end on N synthetic submissions (default 10000; `make bench N=1000`),
# then writes docs/benchmarks.md. Not part of `make test`.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(N),--n $(N))
