# zhkg set-up, main job and tests. `make run` and `make test` are the README's Quick start.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.zhkg-installed

.PHONY: setup run test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the package metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Packages plus the pkuseg model (fetched once into the cache, then offline).
setup: $(STAMP)
	$(BIN)/zhkg setup

run: setup
	$(BIN)/zhkg build seeds -o out

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out test-artifacts
