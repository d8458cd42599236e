# The README's two commands are `make run` and `make test`; everything else is here for the team.
#
# Outside a virtual environment, everything installs into .venv (created with the first python3
# on PATH), so a stock Debian, Ubuntu or Homebrew Python, which refuses `pip install` into itself,
# works too. Inside one (VIRTUAL_ENV set), that one is used.
ifdef VIRTUAL_ENV
VENV := $(VIRTUAL_ENV)
else
VENV := $(CURDIR)/.venv
export VIRTUAL_ENV := $(VENV)
endif
export PATH := $(VENV)/bin:$(PATH)
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.graphsvc-installed

.PHONY: install install-run assets test-tools notebooks run test lint format bench probe image-check seed-bench neo4j-start neo4j-stop clean

install: $(STAMP)

$(PYTHON):
	python3 -m venv $(VENV)

$(STAMP): pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@touch $(STAMP)

# The demo needs the service and the seed generator only, not the test and lint tools.
RUN_STAMP := $(VENV)/.graphsvc-run-installed
install-run: $(RUN_STAMP)

$(RUN_STAMP): pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[seed]"
	@touch $(RUN_STAMP)

VENDOR := graphsvc/explore/static/vendor

# The explorer's browser libraries come from the npm registry (pinned by
# frontend/package-lock.json). A copy is committed in $(VENDOR), so that a wheel built from a
# fresh clone serves them; `make assets` installs the frontend tools and refreshes that copy.
assets: frontend/node_modules/.package-lock.json
	@mkdir -p $(VENDOR)
	@cmp -s frontend/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/cytoscape.min.js \
		|| cp frontend/node_modules/cytoscape/dist/cytoscape.min.js $(VENDOR)/

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	npm ci --prefix frontend --no-audit --no-fund --silent

run: install-run  ## the service on demo data (starts its own Neo4j when NEO4J_URI is unset)
	graphsvc demo

# Two programs the tests drive, from Debian's packages: Chromium (the browser test; or the binary
# GRAPHSVC_CHROMIUM names; Playwright's own download would come from a CDN) and Redis (rate limits
# shared between server processes). Installed here when run as root with apt; otherwise make
# stops at once with the one command to run.
test-tools:
	@missing=""; \
	command -v chromium >/dev/null || [ -n "$$GRAPHSVC_CHROMIUM" ] || missing="chromium"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's$$missing for the tests..."; \
	    apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make test needs$$missing: run 'sudo apt-get install$$missing', then make test again."; \
	    exit 1; \
	  fi; \
	fi

test: install assets test-tools  ## the whole suite, on a real Neo4j
	$(PYTHON) -m pytest

lint: install
	ruff check .
	ruff format --check .
	mypy

format: install
	ruff check --fix .
	ruff format .

notebooks: install  ## the notebooks run top to bottom against NEO4J_URI, else the running demo's Neo4j, as HTML in build/notebooks
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[notebooks]"
	@uri="$${NEO4J_URI:-$$(graphsvc neo4j status --uri 2>/dev/null)}"; \
	if [ -z "$$uri" ]; then echo "no Neo4j to read: start the demo (make run) or set NEO4J_URI"; exit 1; fi; \
	echo "notebooks against $$uri"; \
	NEO4J_URI="$$uri" $(PYTHON) -m jupyter nbconvert --to html --execute notebooks/*.ipynb --output-dir build/notebooks

image-check: install  ## the Docker image, built by buildah and run against a real Neo4j (no Docker engine needed)
	.ci/image

MEMBERS ?= 40000

bench: install  ## speed: seeding, then each recommendation endpoint next to its own Cypher through the driver (MEMBERS=400000 for 10x)
	$(PYTHON) -m graphsvc.tools.bench --members $(MEMBERS)

probe: install  ## a busy day on the bench graph (make bench first): an export under writes, /health beside 20 heavy callers
	graphsvc neo4j start --data-dir .neo4j/bench --port 7697
	NEO4J_URI=bolt://127.0.0.1:7697 $(PYTHON) -m graphsvc.tools.probe; status=$$?; graphsvc neo4j stop --data-dir .neo4j/bench; exit $$status

neo4j-start: install
	graphsvc neo4j start

neo4j-stop:
	graphsvc neo4j stop

clean:
	-graphsvc neo4j stop
	rm -rf .neo4j .venv .pytest_cache .ruff_cache .hypothesis
