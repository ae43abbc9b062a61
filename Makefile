# Two entry points for a fresh machine with Python 3.11: `make demo` and `make test`.
# Both create ./.venv and install tonekit with the trained spaCy pipeline (extra "parser") and HTML reading ("html").
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test setup clean typecheck docs

$(BIN)/tonekit: pyproject.toml
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[parser,html,dev]'
	touch $(BIN)/tonekit

setup: $(BIN)/tonekit

demo: setup
	$(BIN)/tonekit score --articles seeds/

# mypy --strict over the package (config: [tool.mypy] in pyproject.toml, cache in .venv)
typecheck: setup
	$(BIN)/mypy

# the API reference, one page per public face, into docs/_build/api; any warning fails
docs: setup
	$(BIN)/python docs/build_api.py

test: setup typecheck docs
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis docs/_build
