# Two entry points a new machine needs: `make demo` and `make test` (each installs what it needs first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/rasd: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/rasd

demo: $(BIN)/rasd
	$(BIN)/rasd demo

lint: $(BIN)/rasd
	$(BIN)/ruff check src tests benchmarks

test: lint
	$(BIN)/python -m pytest -q

bench: $(BIN)/rasd
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) rasd-demo.duckdb .pytest_cache .ruff_cache
