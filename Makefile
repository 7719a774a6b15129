# Two commands do all the set-up from a fresh clone:
#   make run   - venv, install, build index/ if missing or stale, start the chat UI
#   make test  - the same set-up, then the test suite and the eval quality bars
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test test-slow test-all install ingest eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned: it is the CPU build on this disk, not a CUDA download
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

ingest: $(STAMP)
	$(BIN)/qzassist ingest

run: ingest
	$(BIN)/python app.py

# Quality bars: a regression on the held-out test split fails the build. They sit a few points
# under what main measures now (README, "Quality"); the targets in the answer-quality issue are higher.
EVAL_BARS := --min-answer 0.90 --min-citation 0.95 --min-refusal 0.90

test: $(STAMP)
	$(BIN)/qzassist eval --split test $(EVAL_BARS)
	$(BIN)/python -m pytest -q -m "not slow"

# Load and Chroma-server tests: slower, run by CI after `make test`.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

test-all: test test-slow

eval: ingest
	$(BIN)/qzassist eval --split test

bench: ingest
	$(BIN)/qzassist bench

clean:
	rm -rf index/ evals/reports/
