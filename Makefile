# alliance-kg: the two commands on a fresh machine are `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv build serve test lint bench bench-reason bench-server clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

build/kg.trig: $(STAMP) $(wildcard corpus/*.txt corpus/metadata.csv) $(wildcard ontology/*.ttl ontology/rules/*)
	$(BIN)/kg build --corpus corpus --out build

build: $(STAMP)
	$(BIN)/kg build --corpus corpus --out build

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg server ontology tests

clean:
	rm -rf build .pytest_cache
