# Two commands do everything on a fresh machine: `make example` and `make test`.
PYTHON ?= python3

.PHONY: setup example test lint

setup:
	bash scripts/setup.sh

example: setup
	$(PYTHON) -m yearbook build data -o out

test: setup
	$(PYTHON) -m pytest

lint:
	$(PYTHON) -m ruff check yearbook tests benchmarks
