# haivision.media: the two commands a user needs are `make demo` and `make test`.
# Everything is installed into .venv from PyPI; nothing is installed by hand.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
COLLECTIONS := $(CURDIR)/.tmp/collections
SIM_DIR     := $(CURDIR)/.sim
PYTEST_ARGS ?=

export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)

.PHONY: all venv collection test sanity units e2e demo sim-start sim-stop clean

all: test

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

venv: $(STAMP)

# ansible finds the collection through a symlink tree: ansible_collections/haivision/media -> this checkout.
collection:
	@mkdir -p $(COLLECTIONS)/ansible_collections/haivision
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/haivision/media

test: venv collection
	$(MAKE) --no-print-directory sanity
	$(MAKE) --no-print-directory units
	$(MAKE) --no-print-directory e2e

# ansible-test wants a real ansible_collections/haivision/media directory (see the script).
sanity: venv
	scripts/sanity.sh

units: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

e2e: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/e2e $(PYTEST_ARGS)

sim-start: venv
	@scripts/sim.sh start $(SIM_DIR)

sim-stop:
	@scripts/sim.sh stop $(SIM_DIR)

demo: venv collection
	@$(BIN)/python scripts/demo.py

clean:
	-@scripts/sim.sh stop $(SIM_DIR)
	rm -rf .tmp .sim tests/output
