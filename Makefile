# bm3c — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/halle-des-transitions.yaml
PORT ?= 8501

.PHONY: run test check format lint types unit system-deps browser-deps bench golden clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "bm3c needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set everything up and open the app on a bundled example
run: $(STAMP) system-deps
	$(BIN)/bm3c serve $(EXAMPLE) --port $(PORT)

## test: set everything up and run the whole suite (format, lint, types, tests, browser tests),
## the store tests on SQLite and on PostgreSQL: BM3C_TEST_POSTGRES_URL, else the throwaway
## server that .ci/postgres installs (as root) and starts
test: $(STAMP) system-deps browser-deps
	@url=$${BM3C_TEST_POSTGRES_URL:-$$(bash .ci/postgres)} && echo "store tests on PostgreSQL too: $$url" && \
		BM3C_TEST_POSTGRES_URL="$$url" BM3C_REQUIRE_POSTGRES=1 $(MAKE) --no-print-directory check

## check: format check, lint, strict types, then every test (PostgreSQL ones skipped unless
## BM3C_TEST_POSTGRES_URL is set: `make test` sets it)
check: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## system-deps: the libraries of the PDF report and the chart images (Pango, Cairo, a font),
## installed when missing (as root; otherwise the command to run is printed)
system-deps:
	@bash .ci/apt-ensure \
		'/usr/lib/*/libpango-1.0.so.0:libpango-1.0-0' \
		'/usr/lib/*/libpangoft2-1.0.so.0:libpangoft2-1.0-0' \
		'/usr/lib/*/libcairo.so.2:libcairo2' \
		'/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core'

## browser-deps: what the tests need beyond Python: Debian's Chromium for the browser tests,
## pdftoppm (poppler-utils) to look at the PDF report's pages
browser-deps:
	@bash .ci/apt-ensure chromium:chromium pdftoppm:poppler-utils

## bench: print the engine, app, plan, store (SQLite and PostgreSQL), fairness, export and live
## workshop (1 to 30 open tabs, one or two app processes) benchmark figures
bench: $(STAMP) system-deps browser-deps
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/app.py
	$(BIN)/python bench/plan.py
	$(BIN)/python bench/whatif_browser.py
	$(BIN)/python bench/graph.py
	$(BIN)/python bench/live_browser.py
	$(BIN)/python bench/live.py
	$(BIN)/python bench/processes.py
	$(BIN)/python bench/store.py
	$(BIN)/pip install -q -e '.[bench-fairness]' || echo "comparison libraries not installable: bench/fairness.py says so"
	$(BIN)/python bench/fairness.py
	$(BIN)/python bench/exports.py

## golden: regenerate the golden results of the bundled examples
golden: $(STAMP)
	$(BIN)/python tests/golden/regenerate.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis tests/artifacts
