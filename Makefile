# zitat — every task a user or CI runs. `make demo` and `make test` work on a fresh machine.
VENV ?= .venv
PY := $(VENV)/bin/python
ZITAT := $(VENV)/bin/zitat
DATA ?= ../shared/data

.PHONY: setup demo test lint eval bench train clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

demo: setup
	$(ZITAT) analyze examples/article.txt

lint: setup
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

test: lint
	$(VENV)/bin/pytest

eval: setup
	$(PY) scripts/evaluate_models.py --data $(DATA)
	$(PY) scripts/evaluate_models.py --data $(DATA) --variants --models learned
	$(PY) scripts/fragment_rate.py --data $(DATA)
	$(PY) scripts/evaluate_ner.py --data $(DATA)
	$(PY) scripts/evaluate_speakers.py --data $(DATA)
	$(PY) scripts/evaluate_pronouns.py --data $(DATA)

bench: setup
	$(PY) scripts/bench_analyze.py --data $(DATA)
	$(PY) scripts/bench_store.py --data $(DATA)
	$(PY) scripts/bench_batch.py --data $(DATA)

train: setup
	$(PY) -m zitat.training.train --data $(DATA)
	$(PY) -m zitat.training.train_ner --data $(DATA)
	$(PY) scripts/select_ensemble.py --data $(DATA)
	$(PY) -m zitat.training.speaker_train --data $(DATA)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
