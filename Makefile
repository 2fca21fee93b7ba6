# One entry point for students, instructors, authors and CI.
#   make lab      set up .venv and open the course in JupyterLab
#   make test     set up .venv and run every check (lint, unit, hygiene, nbval, slides, site)
#   make execute  re-run notebooks in place, top to bottom, each in a fresh kernel (authors)
#   make slides   build offline reveal.js decks into slides/
#   make site     build the course website into build/site/ (open build/site/index.html)
#   make bench    measure the course's hot paths into benchmarks/results.json
#   make lock     refresh requirements.lock from pyproject.toml
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NB ?= $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# TensorFlow's environment variables are set in one place, course_utils/__init__.py (TF_ENV),
# which every notebook and test imports before TensorFlow.
export PYTHONHASHSEED ?= 0

.PHONY: setup lab test test-unit test-notebooks test-slides test-site execute slides site bench lock lint clean check-dot

setup: $(STAMP) check-dot

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) tools/check_python.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	@# Bytecode is compiled at install: importing TensorFlow from source files costs twice the CPU,
	@# in every notebook kernel, and some environments set PYTHONDONTWRITEBYTECODE.
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

check-dot:
	@bash tools/ensure_dot.sh

lab: setup
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks

lint: setup
	$(BIN)/ruff check .

test-unit: setup
	$(BIN)/pytest tests --ignore=tests/browser --ignore=tests/site --cov=course_utils --cov-report=term-missing:skip-covered --cov-fail-under=90

test-notebooks: setup
	$(BIN)/pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg $(NB)

test: lint test-unit test-notebooks test-slides test-site

slides: setup
	@command -v npm >/dev/null || { echo "make slides needs Node.js 20+ and npm"; exit 1; }
	@# npm ci (exact versions and hashes from the lock) only when the lock changed since the last one
	@if [ ! -f tools/slides/node_modules/.npm-ci-done ] || \
	    [ tools/slides/package-lock.json -nt tools/slides/node_modules/.npm-ci-done ]; then \
	  echo "npm ci --prefix tools/slides"; \
	  npm ci --prefix tools/slides --prefer-offline --ignore-scripts --no-audit --no-fund || exit 1; \
	  touch tools/slides/node_modules/.npm-ci-done; \
	fi
	$(BIN)/python tools/slides/build.py --out slides

test-slides: slides
	$(BIN)/pytest tests/browser

site: slides
	$(BIN)/python site/build.py

test-site: site
	$(BIN)/pytest tests/site

execute: setup
	@for nb in $(NB); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 \
	    --ExecutePreprocessor.record_timing=False "$$nb" || exit 1; \
	done

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.10 \
	  --quiet -o requirements.lock

clean:
	rm -rf slides build .pytest_cache .ruff_cache .coverage

bench: setup
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
