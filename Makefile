# haivision.media: the two commands a user needs are `make demo` and `make test`.
# Everything is installed into .venv from PyPI; nothing is installed by hand.

PYTHON      ?= python3
# The interpreter the user asked for (PYTHON=... on the command line or in the environment), if any:
# it wins over what scripts/find-python.sh finds for `make test-core`.
USER_PYTHON := $(if $(filter file default undefined,$(origin PYTHON)),,$(PYTHON))
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
COLLECTIONS := $(CURDIR)/.tmp/collections
SIM_DIR     := $(CURDIR)/.sim
PYTEST_ARGS ?=
# Installs and linters write their output here; it is shown only when they fail (scripts/quiet.sh).
LOGS        := $(CURDIR)/.tmp/logs
# What each stage of make test (and each make test-core) counted, for the closing lines (scripts/results.py).
RESULTS     := $(CURDIR)/.tmp/results
QUIET       := scripts/quiet.sh
# -rs: a skipped test says why; --junitxml: what the stage counted.
PYTEST      := -m pytest -q -rs

export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)

.PHONY: all venv collection test test-core units-core sanity lint lint-ansible lint-docs lint-changelog units e2e bench ee-context demo docs release-notes sim-start sim-stop clean

all: test

$(STAMP): requirements.txt requirements-dev.txt
	@echo "venv: installing requirements.txt and requirements-dev.txt into $(VENV) (log: $(LOGS)/venv.log)"
	@$(QUIET) $(LOGS)/venv.log sh -c '$(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install --upgrade pip \
	  && $(BIN)/python -m pip install -r requirements.txt -r requirements-dev.txt'
	@touch $@
	@echo "venv: $$($(BIN)/python scripts/results.py --versions)"

venv: $(STAMP)

# ansible finds the collection through a symlink tree: ansible_collections/haivision/media -> this checkout.
collection:
	@mkdir -p $(COLLECTIONS)/ansible_collections/haivision
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/haivision/media

# Each stage ends with one summary line, and the run with the totals of all of them.
TEST_STAGES := sanity lint units e2e
test: venv collection
	@rm -rf $(RESULTS) && start=$$(date +%s) && for stage in $(TEST_STAGES); do \
	  $(MAKE) --no-print-directory $$stage || { echo "make test: FAILED in $$stage after $$(( $$(date +%s) - start ))s"; exit 1; }; \
	done && $(BIN)/python scripts/results.py --title "make test" --seconds $$(( $$(date +%s) - start )) $(RESULTS)

# ansible-test wants a real ansible_collections/haivision/media directory (see the script).
sanity: venv
	scripts/sanity.sh

# Offline linters: ansible-lint (production profile, see .ansible-lint) on roles/, playbooks/ and demo/,
# antsibull-docs on every plugin's and role's documentation, antsibull-changelog on the fragments.
LINTERS := lint-ansible lint-docs lint-changelog
lint: $(LINTERS)
	@mkdir -p $(RESULTS) && echo '{"passed": $(words $(LINTERS)), "failed": 0, "skipped": 0}' > $(RESULTS)/lint.json
	@echo "lint: $(words $(LINTERS)) linters passed (ansible-lint, antsibull-docs, antsibull-changelog)"

lint-ansible: venv collection
	@PATH=$(abspath $(BIN)):$$PATH NO_COLOR=1 $(QUIET) $(LOGS)/lint-ansible.log $(BIN)/ansible-lint roles/ playbooks/ demo/
	@echo "lint-ansible: $$(grep -E '^(Passed|Failed):' $(LOGS)/lint-ansible.log | tail -1)"

lint-docs: venv collection
	@PATH=$(abspath $(BIN)):$$PATH $(QUIET) $(LOGS)/lint-docs.log \
	  $(BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs all .
	@echo "lint-docs: the plugins', roles' and docsite's documentation pass antsibull-docs"

lint-changelog: venv
	@$(QUIET) $(LOGS)/lint-changelog.log $(BIN)/antsibull-changelog lint
	@echo "lint-changelog: the changelog fragments pass antsibull-changelog"

# Units and end-to-end tests on one ansible-core minor version (CORE=2.16 ... 2.21), in its own venv
# (.venv-core/CORE: ansible-core CORE.*, requirements.txt and what the tests run from requirements-dev.txt);
# SUITE=units runs only the unit tests (make units-core CORE=...). make test covers the newest core that
# installs on python3 (requirements-dev.txt); .ci/run adds the others. The venv's Python is the one
# scripts/find-python.sh finds: PYTHON=... if given, else python3 if new enough (3.12 for 2.20 and later),
# else python3.13 or python3.12 on PATH, else pyenv's installed versions.
CORE      ?= 2.16
SUITE     ?= all
CORE_VENV := $(CURDIR)/.venv-core/$(CORE)
CORE_REQS := cryptography pytest antsibull-changelog ansible-builder ansible-runner
# The oldest Python each core's controller runs on.
CORE_MIN_PYTHON := $(if $(filter 2.16 2.17,$(CORE)),3.10,$(if $(filter 2.18 2.19,$(CORE)),3.11,3.12))

$(CORE_VENV)/.installed: requirements.txt requirements-dev.txt
	@python=$$(PYTHON='$(USER_PYTHON)' scripts/find-python.sh $(CORE_MIN_PYTHON)) || exit 1; \
	  echo "test-core: installing ansible-core $(CORE).* on $$python into $(CORE_VENV) (log: $(LOGS)/venv-core-$(CORE).log)" && \
	  rm -rf $(CORE_VENV) && mkdir -p $(CORE_VENV) && \
	  grep -E '^($(subst $(eval) ,|,$(CORE_REQS)))([<>=!~ ]|$$)' requirements-dev.txt > $(CORE_VENV)/requirements-core.txt && \
	  $(QUIET) $(LOGS)/venv-core-$(CORE).log sh -c "$$python -m venv $(CORE_VENV) && $(CORE_VENV)/bin/python -m pip install --upgrade pip \
	    && $(CORE_VENV)/bin/python -m pip install -r requirements.txt -r $(CORE_VENV)/requirements-core.txt 'ansible-core==$(CORE).*'"
	@touch $@

test-core: $(CORE_VENV)/.installed collection
	@echo "test-core: $$($(CORE_VENV)/bin/python scripts/results.py --versions)"
ifneq ($(filter units all,$(SUITE)),)
	PYTHONPATH=$(COLLECTIONS) $(CORE_VENV)/bin/python $(PYTEST) --junitxml=$(RESULTS)/core-$(CORE)-units.xml tests/unit $(PYTEST_ARGS)
endif
ifneq ($(filter e2e all,$(SUITE)),)
	PYTHONPATH=$(COLLECTIONS) $(CORE_VENV)/bin/python $(PYTEST) --junitxml=$(RESULTS)/core-$(CORE)-e2e.xml tests/e2e $(PYTEST_ARGS)
endif

units-core:
	@$(MAKE) --no-print-directory test-core SUITE=units

units: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python $(PYTEST) --junitxml=$(RESULTS)/units.xml tests/unit $(PYTEST_ARGS)

e2e: venv collection
	PYTHONPATH=$(COLLECTIONS) $(BIN)/python $(PYTEST) --junitxml=$(RESULTS)/e2e.xml tests/e2e $(PYTEST_ARGS)

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
