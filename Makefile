# Two commands for a newcomer: `make run` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
LANGUAGES := ja de fr es ar uk

.PHONY: run test install lint format messages bench clean

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

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext; the compiled .mo files are committed so that `make run` does not.
messages: $(VENV)/.installed
	$(MANAGE) makemessages $(addprefix -l ,$(LANGUAGES)) --ignore=.venv --ignore=build --ignore=tests --no-obsolete
	$(MANAGE) compilemessages --ignore=.venv

# Figures for the README: synthetic case studies in a database of their own (BENCH_ARGS, e.g.
# BENCH_ARGS="--case-studies 2000"). Elasticsearch is osmem-server unless ELASTICSEARCH_URL is set.
BENCH_DB := sqlite:///build/bench.sqlite3
bench: $(VENV)/.installed-test
	mkdir -p build && rm -f build/bench.sqlite3
	DATABASE_URL=$(BENCH_DB) $(MANAGE) migrate --noinput > /dev/null
	DATABASE_URL=$(BENCH_DB) $(MANAGE) benchmark_search $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info
