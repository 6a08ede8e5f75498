#!/usr/bin/env bash
# Print the path of a Python interpreter of at least the given version (default 3.12), for the
# venvs of `make test-core`: ansible-core 2.20 and later run only on Python 3.12 or later.
# Where to look, in order: $PYTHON (given by the user: it wins, and must be new enough); python3;
# python3.13 and python3.12 on PATH; the versions pyenv installed ($PYENV_ROOT, or `pyenv root`,
# or ~/.pyenv), newest first. Each candidate is run: a pyenv shim for a version that is not
# pyenv's global one is on PATH but fails, and is skipped.
set -uo pipefail

minimum=${1:-3.12}
major=${minimum%%.*}
minor=${minimum#*.}

# Whether the interpreter runs and is at least the minimum version.
new_enough() {
  local version
  version=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || return 1
  [[ $version =~ ^([0-9]+)\.([0-9]+)$ ]] || return 1
  ((BASH_REMATCH[1] > major || (BASH_REMATCH[1] == major && BASH_REMATCH[2] >= minor)))
}

if [ -n "${PYTHON:-}" ]; then
  if new_enough "$PYTHON"; then
    command -v "$PYTHON"
    exit 0
  fi
  echo "find-python: PYTHON=$PYTHON is not a Python $minimum or later that runs" >&2
  exit 1
fi

candidates=()
for name in python3 python3.13 python3.12; do
  if found=$(command -v "$name" 2>/dev/null); then
    candidates+=("$found")
  fi
done
pyenv_root=${PYENV_ROOT:-}
if [ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1; then
  pyenv_root=$(pyenv root 2>/dev/null)
fi
pyenv_root=${pyenv_root:-$HOME/.pyenv}
versions=()
for dir in "$pyenv_root"/versions/3.*; do
  if [[ ${dir##*/} =~ ^3\.[0-9]+\.[0-9]+$ ]]; then
    versions+=("${dir##*/}")
  fi
done
if [ "${#versions[@]}" -gt 0 ]; then
  # Newest first: 3.13.0 before 3.12.1, 3.12.10 before 3.12.9.
  while IFS= read -r version; do
    candidates+=("$pyenv_root/versions/$version/bin/python3")
  done < <(printf '%s\n' "${versions[@]}" | sort -t. -k1,1nr -k2,2nr -k3,3nr)
fi

for candidate in "${candidates[@]}"; do
  if [ -x "$candidate" ] && new_enough "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

cat >&2 <<MSG
find-python: no Python $minimum or later found (looked at python3, python3.13 and python3.12 on PATH,
and at $pyenv_root/versions). Give one with PYTHON=/path/to/python$minimum, e.g.
  make test-core CORE=2.21 PYTHON=/usr/bin/python$minimum
or install one: \`pyenv install 3.13\`, or \`apt-get install python3.13 python3.13-venv\` where the
distribution has it (Debian 13, Ubuntu 24.04).
MSG
exit 1
