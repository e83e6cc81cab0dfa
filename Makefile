# alliance-kg: the two commands on a fresh machine are `make serve` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv build serve test lint bench bench-reason bench-server bench-size bench-functional bench-build bench-shapes bench-constructions bench-constructions2 bench-extract bench-questions clean vendor chromium

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# the articles: `make build CORPUS=DIR`, and `make test CORPUS=DIR` runs the tests that read the corpus on DIR
CORPUS ?= corpus

# rebuilt when the corpus, the ontology, the rules or the extractor code change
KG_SOURCES := $(shell find kg -name '*.py' -o -name '*.json' -o -name '*.csv')
build/kg.trig: $(STAMP) $(wildcard $(CORPUS)/*.txt $(CORPUS)/metadata.csv) $(wildcard ontology/*.ttl ontology/rules/*) $(KG_SOURCES)
	$(BIN)/kg build --corpus $(CORPUS) --out build

build: $(STAMP)
	$(BIN)/kg build --corpus $(CORPUS) --out build

test: $(STAMP)
	AKG_CORPUS=$(abspath $(CORPUS)) $(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg server ontology tests

HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := server/static/vendor/yasgui.min.js

# The query page's editor (YASGUI, MIT), pinned in package-lock.json, copied from npm.
$(VENDOR): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	mkdir -p server/static/vendor
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css server/static/vendor/

vendor: $(VENDOR)

serve: $(STAMP) build/kg.trig
	@$(MAKE) -s vendor || echo "npm unavailable: the query page falls back to a plain editor"
	$(BIN)/kg serve --kg build --host $(HOST) --port $(PORT)

# Debian's chromium for the browser test (tests/test_browser.py); CI runs as root.
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

bench: bench-constructions bench-extract bench-reason

SHARED ?= ../shared
CS_DIR ?= /tmp/akg-constructions

# The construction suite (../shared/spec/CONSTRUCTIONS.md): a measurement by linguistic construction, not a test.
bench-constructions: $(STAMP)
	rm -rf $(CS_DIR)
	$(BIN)/python $(SHARED)/tools/constructions.py generate $(SHARED)/spec/constructions.json $(CS_DIR) >/dev/null
	$(BIN)/kg build --corpus $(CS_DIR)/corpus --out $(CS_DIR)/build --no-reason >/dev/null
	$(BIN)/python $(SHARED)/tools/constructions.py report $(SHARED)/spec/constructions.json $(CS_DIR) $(CS_DIR)/build/kg.trig

# The second construction suite (tests/data/constructions2, a development suite since its first run).
bench-constructions2: $(STAMP)
	rm -rf $(CS_DIR)2
	$(BIN)/python $(SHARED)/tools/constructions.py generate tests/data/constructions2/constructions2.json $(CS_DIR)2 >/dev/null
	$(BIN)/kg build --corpus $(CS_DIR)2/corpus --out $(CS_DIR)2/build --no-reason >/dev/null
	$(BIN)/python $(SHARED)/tools/constructions.py report tests/data/constructions2/constructions2.json $(CS_DIR)2 $(CS_DIR)2/build/kg.trig

# Extraction alone (read, tag, cascade) on the construction-suite corpus, one core: median articles/s.
bench-extract: $(STAMP)
	$(BIN)/python bench/bench_extract.py --runs 5

# LUBM(1) materialization: kg reason vs reasonable (medians) vs owlrl (once, ~75 s+), 14 queries checked.
bench-reason: $(STAMP)
	$(BIN)/python bench/bench_reason.py --runs 5

# One long article read and extracted at 1, 4 and 20 MB: seconds per MB must stay flat.
bench-size: $(STAMP)
	$(BIN)/python bench/bench_article_size.py --sizes 1 4 20

# Peak memory of reasoning over 2,000-8,000 memberships: reasonable's prp-fp against kg's grouping check.
bench-functional: $(STAMP)
	$(BIN)/python bench/bench_functional.py --sizes 2000 4000 8000 --runs 3

# kg build on synthetic corpora (bench/synth.py), --jobs 1 and 2: articles/s, peak MB, seconds per stage (medians).
# make bench-build BUILD_SIZES="1000 5000"; BUILD_CODE=DIR runs another checkout's kg (a reference).
BUILD_SIZES ?= 1000
BUILD_RUNS ?= 3
bench-build: $(STAMP)
	$(BIN)/python bench/bench_build.py --sizes $(BUILD_SIZES) --runs $(BUILD_RUNS) --jobs 1 2 $(if $(BUILD_CODE),--code $(BUILD_CODE))

# SHACL per article: shapes.ttl compiled to Python against pySHACL (ms/article, ratio, same violations).
bench-shapes: $(STAMP)
	$(BIN)/python bench/bench_shapes.py --articles 100 --runs 3

# The competency questions on synthetic graphs of 1,000 and 5,000 articles (one build each, no reasoning:
# at 5,000 it needs more memory than a shared 2-core machine has), read from each build's store as `kg query`
# reads it: ms and the 5k/1k ratio per question, an answer over 30 s reported as such, a PASS/FAIL line per set.
bench-questions: $(STAMP)
	$(BIN)/python bench/bench_build.py --sizes 1000 5000 --runs 1 --jobs 2 --no-reason --questions

bench-server: $(STAMP) build/kg.trig
	$(BIN)/pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/bench_server.py --kg build

clean:
	rm -rf build .pytest_cache
