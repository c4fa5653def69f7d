# svpol: the Swedish political-text annotation pipeline.
# Two commands set up everything on a fresh machine:  `make install annotate`  and  `make test`.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
DATA_DIR ?= ../shared/data
export SVPOL_DATA_DIR ?= $(abspath $(DATA_DIR))

CORPUS ?= corpus/examples
OUT    ?= out/annotations.jsonl
RULES_MODEL    ?= models/svpol_sv_rules
COMBINED_MODEL ?= models/svpol_sv
MODEL  ?= $(COMBINED_MODEL)
N_PROCESS ?= 1
TRAIN_CONFIG ?= configs/train/ner_cpu.cfg
NER_MODEL    ?= models/$(basename $(notdir $(TRAIN_CONFIG)))

.PHONY: install annotate test lint model evaluate bench clean splits train install-trf events

include mk/doccano.mk

$(VENV)/.installed: pyproject.toml requirements/lock.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

$(RULES_MODEL)/meta.json: $(VENV)/.installed configs/pipeline.cfg configs/*.json $(wildcard configs/patterns/*.json)
	$(PY) -m pipeline.cli model build --config configs/pipeline.cfg --output $(RULES_MODEL)

# The combined model (trained NER + rules) is committed; it is made only when missing (by training).
$(COMBINED_MODEL)/meta.json:
	$(MAKE) train

# The rule model, and with the shared data the combined one: the committed (or freshly trained) NER
# joined anew with the rule components of configs/ (merge policy chosen on the dev split).
model: $(RULES_MODEL)/meta.json
	@if [ -d "$(SVPOL_DATA_DIR)/ner" ]; then \
	  $(PY) -m pipeline.training.cli combine --output $(COMBINED_MODEL); \
	else echo "$(SVPOL_DATA_DIR) not found: $(COMBINED_MODEL) not rebuilt"; fi

# corpus/gold/splits.json: made once, then frozen
splits: install
	$(PY) -m pipeline.training.cli splits

# spacy train on the gold train split + the open corpora (log: logs/train_<config>.log), then the combined model
train: install
	$(PY) -m pipeline.training.cli run --config $(TRAIN_CONFIG) --output $(NER_MODEL) --combine $(COMBINED_MODEL)

# the transformer option (configs/train/ner_trf.cfg): CPU torch from the pinned extra
install-trf: install
	$(PY) -m pip install --quiet -r requirements/trf.txt

annotate: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli annotate $(CORPUS) -o $(OUT) --model $(MODEL) --n-process $(N_PROCESS) --force

test: install
	$(PY) -m pytest -q

lint: install
	$(PY) -m ruff check pipeline tests

GOLD ?= corpus/gold
BENCH_TEXT ?= $(SVPOL_DATA_DIR)/text/regeringen/pressmeddelanden.jsonl

# Reports (issue #3): reports/<model>/metrics.json, report.md, report.html. On the test split of
# $(SPLITS) (all of $(GOLD) until the training step has written it), rules-only / model-only / combined
# when $(COMBINED_MODEL) exists, else rules only; compared with the previous report in the same folder.
SPLIT  ?= test
SPLITS ?= $(GOLD)/splits.json

evaluate: install $(RULES_MODEL)/meta.json
	@test -d "$(SVPOL_DATA_DIR)" || { echo "make evaluate: shared data folder $(SVPOL_DATA_DIR) not found; set SVPOL_DATA_DIR to it (the stand-off gold is rebuilt from it)" >&2; exit 2; }
	@split=""; \
	if [ -n "$(SPLIT)" ] && [ -f "$(SPLITS)" ]; then split="--split $(SPLIT) --splits $(SPLITS)"; \
	elif [ -n "$(SPLIT)" ]; then echo "make evaluate: no $(SPLITS) yet (the training step writes it): scoring all of $(GOLD)" >&2; fi; \
	if [ -f "$(COMBINED_MODEL)/meta.json" ]; then \
	  systems="--model $(COMBINED_MODEL) --system rules --system model --system combined --report-dir reports/$(notdir $(COMBINED_MODEL))"; \
	else echo "make evaluate: no $(COMBINED_MODEL) yet: rules only" >&2; \
	  systems="--system rules --report-dir reports/$(notdir $(RULES_MODEL))"; fi; \
	echo "$(PY) -m pipeline.cli evaluate $(GOLD) $$split --rules-model $(RULES_MODEL) $$systems"; \
	$(PY) -m pipeline.cli evaluate $(GOLD) $$split --rules-model $(RULES_MODEL) $$systems
	$(PY) -m pipeline.cli evaluate-events --split $(if $(SPLIT),$(SPLIT),all) --model $(MODEL)

# Event tables (issue #12): proposals, reservations, votes, attendance, speeches as CSV in EVENTS_OUT
EVENTS_OUT ?= out/events
events: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli events $(CORPUS) -o $(if $(filter out/annotations.jsonl,$(OUT)),$(EVENTS_OUT),$(OUT)) --model $(MODEL)

bench: install $(MODEL)/meta.json
	$(PY) -m pipeline.cli bench $(BENCH_TEXT) --model $(MODEL) --max-words 200000
	$(PY) -m pipeline.cli bench $(BENCH_TEXT) --model $(MODEL) --long

clean:
	rm -rf out build dist *.egg-info
