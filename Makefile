# svpol: the Swedish political-text annotation pipeline.
# Two commands set up everything on a fresh machine:  `make install annotate`  and  `make test`.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DATA_DIR ?= ../shared/data
export SVPOL_DATA_DIR ?= $(abspath $(DATA_DIR))

CORPUS ?= corpus/examples
OUT    ?= out/annotations.jsonl
MODEL  ?= models/svpol_sv_rules
N_PROCESS ?= 1

.PHONY: install annotate test lint model evaluate bench clean

include mk/doccano.mk

$(VENV)/.installed: pyproject.toml requirements/lock.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

$(MODEL)/meta.json: $(VENV)/.installed configs/pipeline.cfg configs/*.json $(wildcard configs/patterns/*.json)
	$(PY) -m pipeline.cli model build --config configs/pipeline.cfg --output $(MODEL)

model: $(MODEL)/meta.json

annotate: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli annotate $(CORPUS) -o $(OUT) --model $(MODEL) --n-process $(N_PROCESS)

test: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m ruff check pipeline tests

GOLD ?= corpus/gold
BENCH_TEXT ?= $(SVPOL_DATA_DIR)/text/regeringen/pressmeddelanden.jsonl

evaluate: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli evaluate $(GOLD) --model $(MODEL) --output reports/svpol_sv_rules/metrics.json

bench: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli bench $(BENCH_TEXT) --model $(MODEL) --max-words 200000

clean:
	rm -rf out build dist *.egg-info
