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

.PHONY: all venv collection test test-core sanity lint lint-ansible lint-docs lint-changelog units e2e bench ee-context demo docs release-notes sim-start sim-stop clean

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
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/ansible-lint roles/ playbooks/ demo/

lint-docs: venv collection
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all .

lint-changelog: venv
	$(BIN)/antsibull-changelog lint

# Units and end-to-end tests on one ansible-core minor version (CORE=2.16 ... 2.19), in its own venv
# (.venv-core/CORE: ansible-core CORE.*, requirements.txt and what the tests run from requirements-dev.txt).
# make test covers the newest (requirements-dev.txt); .ci/run adds the oldest. 2.20+ needs Python 3.12.
CORE      ?= 2.16
CORE_VENV := $(CURDIR)/.venv-core/$(CORE)
CORE_REQS := cryptography pytest antsibull-changelog ansible-builder ansible-runner

$(CORE_VENV)/.installed: requirements.txt requirements-dev.txt
	rm -rf $(CORE_VENV) && $(PYTHON) -m venv $(CORE_VENV)
	$(CORE_VENV)/bin/python -m pip install --quiet --upgrade pip
	grep -E '^($(subst $(eval) ,|,$(CORE_REQS)))([<>=!~ ]|$$)' requirements-dev.txt > $(CORE_VENV)/requirements-core.txt
	$(CORE_VENV)/bin/python -m pip install --quiet -r requirements.txt -r $(CORE_VENV)/requirements-core.txt "ansible-core==$(CORE).*"
	touch $@

test-core: $(CORE_VENV)/.installed collection
	@$(CORE_VENV)/bin/ansible --version | head -1
	PYTHONPATH=$(COLLECTIONS) $(CORE_VENV)/bin/python -m pytest -q tests/unit $(PYTEST_ARGS)
	PYTHONPATH=$(COLLECTIONS) $(CORE_VENV)/bin/python -m pytest -q tests/e2e $(PYTEST_ARGS)

units: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/unit $(PYTEST_ARGS)

e2e: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python -m pytest -q tests/e2e $(PYTEST_ARGS)

# Release (maintainers): writes CHANGELOG.rst and changelogs/changelog.yaml from the fragments for the
# version in galaxy.yml (or VERSION=...), and removes the fragments. antsibull-changelog finds the
# collection's plugins with ansible-doc, hence the venv on PATH.
release-notes: venv collection
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/antsibull-changelog release $(if $(VERSION),--version $(VERSION)) $(if $(DATE),--date $(DATE))

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

# The docsite: the module, filter and role pages with the scenario guides of docs/docsite/, rendered by
# antsibull-docs (sphinx-init, then the steps of its build.sh) and built by Sphinx into .tmp/docs/build/html,
# offline and with every Sphinx warning an error: no intersphinx inventory is fetched, and the labels of
# the Ansible documentation that the generated pages use lead to scripts/docs_ansible_refs.rst.
DOCS_DIR := $(CURDIR)/.tmp/docs
docs: venv collection
	rm -rf $(DOCS_DIR) && mkdir -p $(DOCS_DIR)
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/antsibull-docs sphinx-init --use-current --dest-dir $(DOCS_DIR) --fail-on-error \
	  --no-add-antsibull-docs-version --project haivision.media --copyright "haivision.media developers" \
	  --title haivision.media haivision.media >/dev/null
	printf '\n# make docs: offline, no intersphinx inventories\nintersphinx_mapping = {}\n' >> $(DOCS_DIR)/conf.py
	cd $(DOCS_DIR) && mkdir -p rst && chmod og-w rst && PATH=$(abspath $(BIN)):$$PATH $(abspath $(BIN))/antsibull-docs \
	  --config-file antsibull-docs.cfg collection --cleanup everything --fail-on-error --use-current --dest-dir rst haivision.media
	cp scripts/docs_ansible_refs.rst $(DOCS_DIR)/rst/ansible_refs.rst
	$(BIN)/sphinx-build -M html $(DOCS_DIR)/rst $(DOCS_DIR)/build -c $(DOCS_DIR) -W --keep-going -q
	@echo "The docsite is in $(DOCS_DIR)/build/html/index.html"

clean:
	-@scripts/sim.sh stop $(SIM_DIR)
	rm -rf .tmp .sim tests/output .venv-core
