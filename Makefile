# Two commands for a newcomer: `make run` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test check install lint format messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

# One test process per core (pytest-xdist): the suite takes about half as long on two cores.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -n auto

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# What CI runs before the tests: lint, Django's system checks, migrations in step with the
# models, and compiled message catalogues in step with their .po files.
check: lint
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest -q -p no:xdist tests/test_translations.py

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so that `make run` does not.
messages: $(VENV)/.installed
	$(MANAGE) makemessages --all --ignore=.venv --ignore=build --ignore=tests --ignore=benchmarks --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

# Figures for the README: synthetic case studies in a database of their own (BENCH_ARGS, e.g.
# BENCH_ARGS="--case-studies 2000"). Elasticsearch is osmem-server unless ELASTICSEARCH_URL is set.
BENCH_DB := sqlite:///build/bench.sqlite3
bench: $(VENV)/.installed-test
	mkdir -p build && rm -f build/bench.sqlite3
	DATABASE_URL=$(BENCH_DB) $(MANAGE) migrate --noinput > /dev/null
	DATABASE_URL=$(BENCH_DB) $(BIN)/python -m benchmarks.search $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
