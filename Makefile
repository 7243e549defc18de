# The two commands of the README. Both work on a fresh clone with nothing installed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
INPUT ?= examples/
OUT ?= output/

.PHONY: run test lint bench score clean

$(BIN)/kg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dask]'
	touch $@

$(VENV)/.dev: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[dev,serve,dask]'
	touch $@

run: $(BIN)/kg
	$(BIN)/kg build $(INPUT) --out $(OUT)
	$(BIN)/kg query queries/who-heads-what.rq --data $(OUT)

# The suite on JOBS processes (pytest-xdist), each test file whole on one of them: a file's fixtures (the spaCy
# model, the Virtuoso server of tests/remote/) start once. JOBS=0 runs it in this process (for pdb).
JOBS ?= 2
test: $(VENV)/.dev
	$(BIN)/python -m pytest -q -n $(JOBS) --dist loadfile

lint: $(VENV)/.dev
	$(BIN)/ruff check kg tests
	$(BIN)/mypy kg

bench: $(VENV)/.dev
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_viz.py

score: $(BIN)/kg
	$(BIN)/python tools/score.py $(SETS)

clean:
	rm -rf $(VENV) $(OUT)
