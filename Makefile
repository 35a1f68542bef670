# reelgraph: `make run` and `make test` are all a fresh clone needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
DB     ?= sqlite:///reelgraph.db

.PHONY: run test install browser ui bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[postgres,spark,test,train]'
	rm -f $(VENV)/.installed-*
	touch $@

# The main job: ingest the bundled sample articles into the default SQLite file and summarise.
run: $(STAMP)
	$(BIN)/reelgraph ingest samples/corpus --db $(DB)
	$(BIN)/reelgraph stats --db $(DB)
	$(BIN)/reelgraph show "Harbour Lights" --db $(DB)

# Debian's Chromium drives the browser tests (Playwright uses it; it downloads no browser of its own).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The neighbourhood graph's bundle (cytoscape from npm), built into the package's static folder.
ui:
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run build

# The whole suite, against SQLite and a throw-away PostgreSQL server started here and stopped after.
test: $(STAMP) browser ui
	scripts/pg-test-server start
	REELGRAPH_TEST_PG_URL=$$(cat .pg/url) $(BIN)/pytest -q -p no:cacheprovider; \
	  status=$$?; scripts/pg-test-server stop; exit $$status

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/resolve.py

clean:
	scripts/pg-test-server stop
	rm -rf $(VENV) reelgraph.db .pg
