# The README's two commands are `make run` and `make test`; everything else is here for the team.
PYTHON ?= python3
STAMP := .neo4j/installed.stamp

.PHONY: install run test lint format bench seed-bench neo4j-start neo4j-stop clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@mkdir -p .neo4j && touch $(STAMP)

run: install  ## the service on demo data (starts its own Neo4j when NEO4J_URI is unset)
	graphsvc demo

test: install  ## the whole suite, on a real Neo4j
	$(PYTHON) -m pytest

lint: install
	ruff check .
	ruff format --check .

format: install
	ruff check --fix .
	ruff format .

bench: install  ## speed: seeding, then each recommendation endpoint next to its own Cypher through the driver
	$(PYTHON) -m graphsvc.bench

neo4j-start: install
	graphsvc neo4j start

neo4j-stop:
	graphsvc neo4j stop

clean:
	-graphsvc neo4j stop
	rm -rf .neo4j .pytest_cache .ruff_cache .hypothesis
