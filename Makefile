# Latent Lab: `make run` launches the app, `make test` runs the whole suite.
# Both create .venv and install the project on first use, and are quick afterwards.
# FLAVOUR=cpu (default) installs tensorflow-cpu; FLAVOUR=gpu installs tensorflow[and-cuda].

PYTHON ?= python3
VENV ?= .venv
FLAVOUR ?= cpu
BIN := $(VENV)/bin
OTHER_FLAVOUR := $(if $(filter gpu,$(FLAVOUR)),tensorflow-cpu,tensorflow tensorflow-cpu)
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK = 1

.PHONY: run test test-core test-gui lint typecheck wheel bench screenshots sysdeps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per flavour and extras set; pyproject.toml changes trigger a reinstall.
$(VENV)/.app-$(FLAVOUR): pyproject.toml | $(BIN)/python
	@if [ "$(FLAVOUR)" = gpu ] && $(BIN)/pip show -q tensorflow-cpu 2>/dev/null; then $(BIN)/pip uninstall -q -y tensorflow-cpu; fi
	@if [ "$(FLAVOUR)" = cpu ] && $(BIN)/pip show tensorflow 2>/dev/null | grep -q '^Requires:.*nvidia'; then $(BIN)/pip uninstall -q -y tensorflow; fi
	$(BIN)/pip install -q -e ".[$(FLAVOUR)]"
	@rm -f $(VENV)/.app-* $(VENV)/.test-*
	touch $@

$(VENV)/.test-$(FLAVOUR): $(VENV)/.app-$(FLAVOUR)
	$(BIN)/pip install -q -e ".[$(FLAVOUR),test]"
	touch $@

sysdeps:
	@bash tools/sysdeps.sh

run: $(VENV)/.app-$(FLAVOUR) sysdeps
	$(BIN)/python main.py

lint: $(VENV)/.test-$(FLAVOUR)
	$(BIN)/lint-imports
	$(BIN)/ruff check core gui latent_lab tests bench tools main.py
	$(BIN)/mypy core latent_lab

typecheck: $(VENV)/.test-$(FLAVOUR)
	$(BIN)/mypy core latent_lab

# Core tests run with Qt made unimportable: the engine must work without it.
test-core: $(VENV)/.test-$(FLAVOUR)
	$(BIN)/python tools/without_qt.py -m pytest tests/core

test-gui: $(VENV)/.test-$(FLAVOUR) sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests --ignore=tests/core

# test-gui also builds the wheel, installs it into a temporary folder and runs the installed
# `latent-lab` from outside the checkout (tests/test_install.py).
test: lint test-core test-gui

# The wheel `pip install .` / `pipx install .` would install, into dist/ (offline: the venv's setuptools).
wheel: $(VENV)/.test-$(FLAVOUR)
	rm -rf build
	$(BIN)/python -m pip wheel -q --no-deps --no-build-isolation -w dist .

bench: $(VENV)/.test-$(FLAVOUR) sysdeps
	@for b in startup train_overhead responsiveness activations latent gan quality; do \
		echo "== bench/$$b.py"; QT_QPA_PLATFORM=offscreen $(BIN)/python bench/$$b.py || exit 1; done

screenshots: $(VENV)/.test-$(FLAVOUR) sysdeps
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist
