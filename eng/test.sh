#!/usr/bin/env bash
# The test command (README, .ci/run): fetches the pinned tools, installs what browser tests need, builds the
# solution with warnings as errors, runs every test project and ends with one line "N passed, M failed, K skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "bootstrap tools"
if [[ -x eng/bootstrap.sh ]]; then eng/bootstrap.sh; fi

step "browser for report tests"
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(command -v chromium)"
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian chromium (apt-get)..."
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "warning: could not install chromium; browser tests fail under CI=true and skip otherwise" >&2
  fi
else
  echo "warning: chromium not found and cannot be installed here; browser tests fail under CI=true and skip otherwise" >&2
fi

step "build (Release, warnings as errors)"
dotnet build Pipeline.sln -c Release --nologo -v q -clp:NoSummary

step "test"
results="$root/artifacts/test-results"
rm -rf "$results"
test_exit=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || test_exit=1
done

# Sum the counters of every TRX file: one per test project.
read -r total passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' |
  awk '{
    for (i = 1; i <= NF; i++) {
      split($i, kv, "="); gsub(/"|\/|>/, "", kv[2]);
      if (kv[1] == "total") t += kv[2]; else if (kv[1] == "passed") p += kv[2];
      else if (kv[1] == "failed") f += kv[2]; else if (kv[1] == "error") f += kv[2];
      else if (kv[1] == "notExecuted") s += kv[2];
    }
  } END { printf "%d %d %d %d\n", t, p, f, s }')
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [[ $test_exit != 0 || $failed != 0 || $total == 0 ]]; then
  exit 1
fi
