# One entry point for students, instructors, authors and CI.
#   make lab      set up .venv and open the course in JupyterLab
#   make test     set up .venv and run every check (lint, unit, hygiene, nbval, student editions,
#                 slides, site, RISE); the test target below says what runs side by side
#   make execute  re-run notebooks in place, top to bottom, each in a fresh kernel (authors)
#   make slides   build offline reveal.js decks into slides/
#   make site     build the course website into build/site/ (open build/site/index.html)
#   make serve-site  serve build/site/ at http://127.0.0.1:8000 (search then shows excerpts)
#   make bench    measure the course's hot paths into benchmarks/results.json
#   make student  write the student edition (solutions removed) into build/student/
#   make new-exercise ID=05.5   add exercise 05.5's three cells, a check stub and a test stub
#   make lock     refresh requirements.lock from pyproject.toml
# VENV=.venv-py3.13 PYTHON=python3.13 builds and uses a second environment (.ci/run does).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NB ?= $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# TensorFlow's environment variables are set in one place, course_utils/__init__.py (TF_ENV),
# which every notebook and test imports before TensorFlow.
export PYTHONHASHSEED ?= 0

.PHONY: setup lab test test-unit test-notebooks test-slides test-site execute slides site bench \
	serve-site lock lint clean check-dot check-chromium student new-exercise test-compat test-rise

setup: $(STAMP) check-dot

$(BIN)/python:
	@$(PYTHON) tools/check_python.py
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv

$(STAMP): pyproject.toml requirements.lock | $(BIN)/uv
	@$(BIN)/python tools/check_python.py --venv $(VENV)
	@# Bytecode is compiled at install: importing TensorFlow from source files costs twice the CPU,
	@# in every notebook kernel, and some environments set PYTHONDONTWRITEBYTECODE.
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --reinstall-package mlp-course -e .
	@# Left in older environments by jupyterlab-rise 0.43: a JupyterLab 3 extension, out of the lock.
	@$(BIN)/uv pip uninstall --quiet --python $(BIN)/python jupyterlab-mathjax3
	@touch $@

check-dot:
	@bash tools/ensure_dot.sh

check-chromium:
	@bash tools/ensure_chromium.sh

# Jupyter refuses to start as root unless told; a container's or a cloud VM's default user is
# root, and the server stays on 127.0.0.1 behind its token either way.
lab: setup
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make lab: running as root (as in a container), so JupyterLab starts with --allow-root; it still listens on 127.0.0.1 only, behind its token."; \
	  root=--allow-root; \
	fi; \
	exec $(BIN)/jupyter lab --config=tools/jupyter_server_config.py --ServerApp.ip=127.0.0.1 \
	  --ServerApp.root_dir=notebooks $$root

lint: setup
	$(BIN)/ruff check .

test-unit: setup
	$(BIN)/pytest tests course_utils --doctest-modules --ignore=tests/browser --ignore=tests/site \
	  --ignore=tests/rise --cov=course_utils --cov-report=term-missing:skip-covered \
	  --cov-fail-under=95

# The course notebooks under strict nbval, two at a time. Their student editions are the same
# notebooks less the solution cells, which no later cell reads (tests/test_student_edition.py).
test-notebooks: setup
	$(BIN)/pytest -n 2 --dist loadfile --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg $(NB)

# make test, in three steps; a failing stage is named by make ("*** [Makefile:N: test-site]")
# under its own output, and the browser stages all finish (-k) so each reports.
#   1. check-chromium (a missing browser stops everything before any test runs), then the venv
#      (uv) and the deck tools (npm ci) side by side: on cold caches both wait on downloads.
#   2. ruff, then the unit tests beside strict nbval (its two workers leave a core idle
#      whenever one finishes a notebook before the other).
#   3. the browser stages side by side, each with its output kept together: the decks
#      (test-slides), the website (test-site, after the decks it copies) and RISE (test-rise).
#      Each spends much of its time waiting on Chromium, MathJax or JupyterLab, so three at once
#      keep both cores busy instead of one.
TEST_STEP := $(MAKE) --no-print-directory --output-sync=target
test: check-chromium
	@$(TEST_STEP) -j2 setup $(NPM_DONE)
	@$(TEST_STEP) lint
	@$(TEST_STEP) -j2 -k test-unit test-notebooks
	@$(TEST_STEP) -j3 -k test-slides test-site test-rise

# npm ci (exact versions and hashes from the lock) runs again only when the lock is newer.
NPM_DONE := tools/slides/node_modules/.npm-ci-done
$(NPM_DONE): tools/slides/package-lock.json
	@command -v npm >/dev/null || { echo "make slides needs Node.js 20+ and npm"; exit 1; }
	npm ci --prefix tools/slides --prefer-offline --ignore-scripts --no-audit --no-fund
	@touch $@

slides: setup $(NPM_DONE)
	$(BIN)/python tools/slides/build.py --out slides

test-slides: check-chromium slides
	$(BIN)/pytest tests/browser

site: slides
	$(BIN)/python site/build.py

# Over http the search results carry a text excerpt of each page (a browser refuses the fetch
# from file://). Bound to 127.0.0.1: only this machine can reach it. PORT=8001 for another port.
PORT ?= 8000
serve-site: site
	@echo "serving build/site at http://127.0.0.1:$(PORT)/ (Ctrl+C stops)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory build/site

test-site: check-chromium site
	$(BIN)/pytest tests/site

# RISE in JupyterLab, as `make lab` serves it: every notebook's slideshow starts offline, with no
# console error and no failed request.
test-rise: check-chromium setup $(NPM_DONE)
	$(BIN)/pytest tests/rise

execute: setup
	@for nb in $(NB); do \
	  echo "executing $$nb"; \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.kernel_name=python3 \
	    --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
	    "$$nb" || exit 1; \
	done

student: setup
	$(BIN)/python tools/student_edition.py --out build/student $(NB)

new-exercise: setup
	$(BIN)/python tools/new_exercise.py $(ID)

# Resolved for the lowest promised Python: a lock that installs there installs on the newer ones.
lock: $(BIN)/uv
	$(BIN)/uv pip compile pyproject.toml --extra tensorflow --extra lab --extra dev --universal \
	  --python-version 3.11 --quiet -o requirements.lock

clean:
	rm -rf slides build .pytest_cache .ruff_cache .coverage

bench: setup
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# The declared ranges at both ends, the README's pip route and Colab's runtime (tools/compat.py):
# every notebook runs and every assert holds; outputs are compared only on the lock (make test).
# COMPAT_RUNS=pre is the canary: release candidates of TensorFlow, Keras and numpy.
test-compat: check-chromium setup $(NPM_DONE)
	$(BIN)/python tools/compat.py $(COMPAT_RUNS)
