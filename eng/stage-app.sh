#!/usr/bin/env bash
# Assembles the deployable Function app folder: the published `pipeline` handler with its native libraries,
# host.json, and one folder per function with its function.json. The folder is what `func start --script-root`
# runs and what zip deploy uploads.
#
#   eng/stage-app.sh OUT_DIR [--self-contained]
#
#   OUT_DIR            emptied and refilled (refused if it is the repository root or holds a .git folder)
#   --self-contained   publish with the .NET runtime inside (needs the linux-x64 runtime packs from NuGet); the
#                      default is framework-dependent: the machine needs the .NET 10 and ASP.NET Core 10 runtimes
#
# Layout of OUT_DIR:
#   host.json  pipeline (+ its assemblies)  libduckdb.so  libonnxruntime.so  libonnxruntime_providers_shared.so
#   PrepareJob/function.json  ...  SubmitJob/function.json  JobStatus/function.json  ...
# local.settings.json is never staged (it holds secrets); copy local.settings.sample.json there for local runs.
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

out=""
self_contained=false
for arg in "$@"; do
  case "$arg" in
    --self-contained) self_contained=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "error: unknown option $arg" >&2; usage >&2; exit 2 ;;
    *)
      if [[ -n "$out" ]]; then echo "error: one OUT_DIR only (got '$out' and '$arg')" >&2; exit 2; fi
      out="$arg" ;;
  esac
done
if [[ -z "$out" ]]; then usage >&2; exit 2; fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [[ "$out" == "$root" || "$out" == "/" || -d "$out/.git" ]]; then
  echo "error: refusing to empty $out" >&2
  exit 2
fi

# The native libraries come from .tools/ (eng/bootstrap.sh); the handler finds libduckdb.so next to itself.
if [[ ! -f "$root/.tools/env.sh" ]]; then
  "$root/eng/bootstrap.sh" --quiet
fi
# shellcheck disable=SC1091
. "$root/.tools/env.sh"

find "$out" -mindepth 1 -delete
echo "publishing functions/ (Release, linux-x64, self-contained=$self_contained) to $out" >&2
# PIPELINE_PUBLISH_PROPERTIES adds MSBuild properties, e.g. -p:OnnxRuntimeFromNuGet=true for the CUDA build (Dockerfile.gpu).
# shellcheck disable=SC2086
dotnet publish "$root/functions/Pipeline.Functions.csproj" -c Release -r linux-x64 --self-contained "$self_contained" ${PIPELINE_PUBLISH_PROPERTIES:-} \
  -o "$out" --nologo -v q -clp:NoSummary >&2

cp "$DUCKDB_LIB" "$out/libduckdb.so"
for lib in libonnxruntime.so libonnxruntime_providers_shared.so; do
  if [[ ! -f "$out/$lib" ]]; then
    cp "$ORT_NATIVE_DIR/$lib" "$out/$lib"
  fi
done

cp "$root/host.json" "$out/host.json"
count=0
for definition in "$root"/functions/*/function.json; do
  name="$(basename "$(dirname "$definition")")"
  mkdir -p "$out/$name"
  cp "$definition" "$out/$name/function.json"
  count=$((count + 1))
done

# The host starts defaultExecutablePath from host.json: check it is there and runs.
executable="$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$out/host.json")"
if [[ ! -x "$out/$executable" ]]; then
  echo "error: host.json names $executable, which the publish did not produce" >&2
  exit 1
fi
"$out/$executable" --version >&2
echo "staged $count functions, host.json and $executable with libduckdb.so and libonnxruntime.so in $out" >&2
