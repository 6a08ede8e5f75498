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

.PHONY: all venv collection test sanity lint lint-ansible lint-docs lint-changelog units e2e bench ee-context demo sim-start sim-stop clean

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
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory units
	$(MAKE) --no-print-directory e2e

# ansible-test wants a real ansible_collections/haivision/media directory (see the script).
sanity: venv
	scripts/sanity.sh

# Offline linters: ansible-lint (production profile, see .ansible-lint) on roles/, playbooks/ and demo/,
# antsibull-docs on every plugin's and role's documentation, antsibull-changelog on the fragments.
lint: lint-ansible lint-docs lint-changelog

lint-ansible: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/ansible-lint roles/ playbooks/ demo/

lint-docs: venv collection
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all .

lint-changelog: venv
	$(BIN)/antsibull-changelog lint

units: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

e2e: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/e2e $(PYTEST_ARGS)

# Not part of make test: measures requests and wall times against the simulators and prints Markdown tables.
bench: venv collection
	$(BIN)/python -m tests.benchmark.bench $(BENCH_ARGS)

sim-start: venv
	@scripts/sim.sh start $(SIM_DIR)

sim-stop:
	@scripts/sim.sh stop $(SIM_DIR)

# The build context of the execution environment (execution-environment.yml) in .tmp/ee/context, with
# this checkout's collection built from its tracked and new files; no image is built here.
EE_DIR := $(CURDIR)/.tmp/ee
ee-context: venv
	rm -rf $(EE_DIR) && mkdir -p $(EE_DIR)/src/ansible_collections/haivision/media $(EE_DIR)/collections
	git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C $(EE_DIR)/src/ansible_collections/haivision/media
	$(BIN)/ansible-galaxy collection build --force --output-path $(EE_DIR)/collections $(EE_DIR)/src/ansible_collections/haivision/media
	mv $(EE_DIR)/collections/haivision-media-*.tar.gz $(EE_DIR)/collections/haivision-media.tar.gz
	cp execution-environment.yml $(EE_DIR)/
	$(BIN)/ansible-builder create -f $(EE_DIR)/execution-environment.yml -c $(EE_DIR)/context --output-filename Containerfile
	@echo "Build the image with: podman build -f $(EE_DIR)/context/Containerfile -t haivision-media-ee $(EE_DIR)/context"

demo: venv collection
	@$(BIN)/python scripts/demo.py

clean:
	-@scripts/sim.sh stop $(SIM_DIR)
	rm -rf .tmp .sim tests/output
