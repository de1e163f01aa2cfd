# Two commands for a newcomer: `make run` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run serve test check install lint format messages bench relevance backup restore loadtest drill clean

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
	$(MANAGE) setup_site
	$(MANAGE) load_demo_content --if-empty
	$(MANAGE) runserver 127.0.0.1:8000

# The one-machine production profile (README, "Serving it"): settings from the environment,
# the web server and the task worker in the foreground until Ctrl-C or SIGTERM.
serve: export DJANGO_SETTINGS_MODULE = knowledge.settings.production
serve: $(VENV)/.installed
	@$(MANAGE) check --deploy --fail-level ERROR > /dev/null
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) collectstatic --noinput --verbosity 0
	exec $(BIN)/python -m knowledge.serve

# axe-core for the accessibility tests (tests/test_accessibility.py), at the version
# package-lock.json pins (Node 20 and npm on the machine).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# One test process per core (pytest-xdist): the suite takes about half as long on two cores.
test: $(VENV)/.installed-test $(AXE)
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

# The operator's set, with the same settings as `make serve` (README, "Operations").
backup restore: export DJANGO_SETTINGS_MODULE ?= knowledge.settings.production
backup: $(VENV)/.installed
	$(MANAGE) backup_site

restore: $(VENV)/.installed
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=backups/site-....tar.gz"; exit 2; }
	$(MANAGE) restore_site "$(ARCHIVE)"

$(VENV)/.installed-loadtest: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[loadtest]'
	touch $@

# Against a running `make serve` on this machine (LOADTEST_ARGS="--host ... --seconds ...").
loadtest: $(VENV)/.installed-loadtest
	$(BIN)/python -m benchmarks.loadtest --host http://127.0.0.1:$${PORT:-8000} $(LOADTEST_ARGS)

# What the site does when its search cluster hangs, dies or comes back empty, as a timeline.
drill: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.drill

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

# Recall and nDCG of both engines on the judged queries of benchmarks/judged_queries.jsonl,
# over the demo content in a database of its own (build/relevance.sqlite3; RELEVANCE_ARGS, e.g.
# RELEVANCE_ARGS="--engine database"). Elasticsearch is osmem-server unless ELASTICSEARCH_URL is set.
relevance: $(VENV)/.installed-test
	mkdir -p build
	$(BIN)/python -m benchmarks.relevance $(RELEVANCE_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info node_modules
