# Two entry points for a fresh machine with Python 3.11: `make demo` and `make test`.
# Both create ./.venv and install tonekit with the trained spaCy pipeline (extra "parser") and HTML reading ("html").
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup clean

$(BIN)/tonekit: pyproject.toml
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[parser,html,dev]'
	touch $(BIN)/tonekit

setup: $(BIN)/tonekit

demo: setup
	$(BIN)/tonekit score --articles seeds/

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis
