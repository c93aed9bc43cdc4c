#!/usr/bin/env bash
# Fetches the pinned developer tools into .tools/ (ignored by git) and verifies them by SHA-256.
#
#   .tools/node/         Azurite, @duckdb/node-api, @huggingface/tokenizers   (eng/tools/node/package-lock.json)
#   .tools/duckdb/       libduckdb.so                                          (eng/tools/tools.lock)
#   .tools/onnxruntime/  src/ (official managed C# API sources), native/ (libonnxruntime.so)
#   .tools/bicep/        bicep, the Bicep CLI (NuGet package Azure.Bicep.CommandLine.linux-x64; eng/tools/tools.lock)
#   .tools/cache/        the npm tarballs, kept so that a damaged tool is restored offline (NuGet packages stay in
#                        NuGet's own global packages folder, ~/.nuget/packages, which serves the same purpose)
#   .tools/env.sh        exports the paths above for other scripts: `. .tools/env.sh`
#
# Idempotent: a tool whose files are present with the pinned hashes prints "ok" without touching the
# network, so a second run works offline. Nothing here runs a package's install scripts.
# Why it is built this way: docs/adr/0006-native-tools-fetched-by-bootstrap.md (the Bicep CLI: ADR 0011).
set -Eeuo pipefail

usage() {
  cat <<'EOF'
Usage: eng/bootstrap.sh [--check] [--quiet]

Fetches the pinned tools into .tools/ and verifies their SHA-256 hashes (eng/tools/tools.lock,
eng/tools/node/package-lock.json): the node tools (npm), libduckdb and ONNX Runtime (npm tarballs),
the Bicep CLI (a NuGet package, through dotnet restore). Prints one line per tool: name, version, path, and
"ok" (already there and verified) or "fetched"; with --check, "missing" or "differs" instead of
fetching.

  --check   verify only; fetch nothing and write nothing. Exits 1 if a tool is missing or differs.
  --quiet   print errors only.
  -h, --help
EOF
}

CHECK=0 QUIET=0
for arg in "$@"; do
  case "$arg" in
    --check) CHECK=1 ;;
    --gpu) echo "bootstrap: error: --gpu was removed: ONNX Runtime's CUDA provider cannot run in the CPU build fetched here; GPU builds use -p:OnnxRuntimeFromNuGet=true (docs/adr/0003-onnx-runtime-from-official-managed-sources.md)" >&2; exit 2 ;;
    --quiet | -q) QUIET=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bootstrap: error: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
LOCK="$ROOT/eng/tools/tools.lock"
NODE_PROJECT="$ROOT/eng/tools/node"
CACHE="$TOOLS/cache"
LOGS="$TOOLS/logs"
STAGING="$TOOLS/.staging"

die() {
  echo "bootstrap: error: $*" >&2
  exit 1
}
trap 'rc=$?; echo "bootstrap: error: \"$BASH_COMMAND\" failed (exit $rc) at eng/bootstrap.sh:$LINENO" >&2; exit $rc' ERR

# One line per tool: name, version, path relative to the repository root, status.
report() {
  ((QUIET)) || printf '%-16s %-10s %-50s %s\n' "$1" "$2" "${3#"$ROOT/"}" "$4"
}

# Prints the last lines of a log file to stderr, indented, to explain a failure.
show_log() {
  echo "bootstrap: last lines of ${1#"$ROOT/"}:" >&2
  tail -n 20 "$1" | sed 's/^/  | /' >&2
}

for cmd in node npm tar gzip sha256sum; do
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not on PATH (node and npm: Node.js 20 or newer)"
done
node_major="$(node --version)"
node_major="${node_major#v}"
node_major="${node_major%%.*}"
((node_major >= 20)) || die "Node.js 20 or newer is required (found $(node --version))"
[[ -f "$LOCK" ]] || die "missing ${LOCK#"$ROOT/"}"
[[ -f "$NODE_PROJECT/package.json" && -f "$NODE_PROJECT/package-lock.json" ]] ||
  die "missing eng/tools/node/package.json or package-lock.json"

if ((!CHECK)); then
  mkdir -p "$TOOLS"
  # Two bootstraps at once (parallel test runs) would trample each other's extraction.
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$TOOLS/.bootstrap.lock"
    flock 9
  fi
fi

# ---- the lock file --------------------------------------------------------------------------
# A package is an npm tarball (kept in .tools/cache) or a NuGet package (kept in NuGet's global packages folder);
# PKG_TGZ is its file name, PKG_INTEGRITY npm's integrity or NuGet's SHA-512 (base64), PKG_PATH where it was verified.
declare -A PKG_KIND PKG_NAME PKG_VERSION PKG_TGZ PKG_SHA PKG_INTEGRITY PKG_PATH TOOL_GROUP TOOL_VERSION TOOL_DIRS
TOOL_ORDER=() F_TOOL=() F_PKG=() F_SRC=() F_DEST=() F_SHA=() F_MODE=()
while read -r kind a b c d e f rest; do
  case "$kind" in
    '' | '#'*) continue ;;
    package | nuget)
      PKG_KIND[$a]="$kind" PKG_NAME[$a]="$b" PKG_VERSION[$a]="$c" PKG_TGZ[$a]="$d" PKG_SHA[$a]="$e" PKG_INTEGRITY[$a]="$f"
      ;;
    tool) TOOL_ORDER+=("$a") TOOL_GROUP[$a]="$b" TOOL_VERSION[$a]="$c" TOOL_DIRS[$a]="$d" ;;
    file) F_TOOL+=("$a") F_PKG+=("$b") F_SRC+=("$c") F_DEST+=("$d") F_SHA+=("$e") F_MODE+=("$f") ;;
    *) die "${LOCK#"$ROOT/"}: unknown entry '$kind'" ;;
  esac
done <"$LOCK"

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

sha512_integrity() {
  node -e 'const c=require("crypto"),f=require("fs");const h=c.createHash("sha512");
    const s=f.createReadStream(process.argv[1]);s.on("data",d=>h.update(d));
    s.on("end",()=>console.log("sha512-"+h.digest("base64")));' "$1"
}

# ---- tools from npm tarballs and NuGet packages (tools.lock) ---------------------------------

# Succeeds when every file of the tool is present with its pinned hash (executables still executable) and its
# folders hold nothing else.
verify_tool() {
  local tool="$1" i dir expected actual
  local -a sums=() dests=()
  for i in "${!F_TOOL[@]}"; do
    [[ "${F_TOOL[$i]}" == "$tool" ]] || continue
    sums+=("${F_SHA[$i]}  $TOOLS/${F_DEST[$i]}")
    dests+=("$TOOLS/${F_DEST[$i]}")
    if [[ "${F_MODE[$i]}" == executable && ! -x "$TOOLS/${F_DEST[$i]}" ]]; then return 1; fi
  done
  ((${#sums[@]} > 0)) || die "${LOCK#"$ROOT/"} lists no files for $tool"
  printf '%s\n' "${sums[@]}" | sha256sum --check --status --strict 2>/dev/null || return 1
  # A stray file (say a .cs file left by an older pin) would be compiled or loaded: treat it as damage.
  expected="$(printf '%s\n' "${dests[@]}" | LC_ALL=C sort -u)"
  actual="$(for dir in ${TOOL_DIRS[$tool]//,/ }; do find "$TOOLS/$dir" -mindepth 1 ! -type d 2>/dev/null; done | LC_ALL=C sort -u)"
  [[ "$expected" == "$actual" ]]
}

remove_tool() {
  local dir
  for dir in ${1//,/ }; do rm -rf "${TOOLS:?}/$dir"; done
}

# Makes sure the package's tarball is in the cache with its pinned SHA-256 and npm integrity.
ensure_tarball() {
  local pkg="$1" tgz="$CACHE/${PKG_TGZ[$1]}" spec="${PKG_NAME[$1]}@${PKG_VERSION[$1]}" log out sha integrity
  if [[ -f "$tgz" && "$(sha256_of "$tgz")" == "${PKG_SHA[$pkg]}" ]]; then
    return 0
  fi
  rm -f "$tgz"
  mkdir -p "$CACHE" "$LOGS"
  log="$LOGS/npm-pack-$pkg.log"
  rm -rf "$STAGING/pack-$pkg"
  mkdir -p "$STAGING/pack-$pkg"
  if ! out="$(cd "$STAGING/pack-$pkg" && npm pack "$spec" --prefer-offline --ignore-scripts --no-audit --no-fund 2>"$log")"; then
    show_log "$log"
    die "npm pack $spec failed (offline? the tarball is not in .tools/cache)"
  fi
  out="$(printf '%s\n' "$out" | tail -n1)"
  [[ -f "$STAGING/pack-$pkg/$out" ]] || die "npm pack $spec did not produce a tarball (got '$out')"
  sha="$(sha256_of "$STAGING/pack-$pkg/$out")"
  integrity="$(sha512_integrity "$STAGING/pack-$pkg/$out")"
  if [[ "$sha" != "${PKG_SHA[$pkg]}" || "$integrity" != "${PKG_INTEGRITY[$pkg]}" ]]; then
    rm -rf "$STAGING/pack-$pkg"
    die "$spec: the tarball does not match eng/tools/tools.lock
  sha256    expected ${PKG_SHA[$pkg]}
            got      $sha
  integrity expected ${PKG_INTEGRITY[$pkg]}
            got      $integrity
  Nothing was extracted. If the pin changed on purpose, regenerate the lock with eng/tools/update-lock.sh."
  fi
  mv "$STAGING/pack-$pkg/$out" "$tgz"
  rm -rf "$STAGING/pack-$pkg"
}

# The global packages folder of NuGet (~/.nuget/packages unless NUGET_PACKAGES or a NuGet.Config moves it).
nuget_global_packages() {
  local out
  out="$(cd "$ROOT" && dotnet nuget locals global-packages --list --force-english-output 2>/dev/null)" ||
    die "'dotnet nuget locals global-packages --list' failed (is the .NET SDK installed?)"
  out="${out#*global-packages: }"
  printf '%s\n' "${out%/}"
}

# Makes sure NuGet's global packages folder holds the package with its pinned SHA-256 and SHA-512, restoring it
# with `dotnet restore` (NuGet checks the package's signatures) when it is not there; sets PKG_PATH.
ensure_nupkg() {
  local pkg="$1" name="${PKG_NAME[$1]}" version="${PKG_VERSION[$1]}" lower folder nupkg proj log stub sha integrity
  command -v dotnet >/dev/null 2>&1 || die "'dotnet' (the .NET SDK) is required to fetch $name"
  lower="${name,,}"
  folder="$(nuget_global_packages)"
  nupkg="$folder/$lower/$version/${PKG_TGZ[$pkg]}"
  if [[ ! -f "$nupkg" ]]; then
    # A throwaway project with one PackageDownload; stub Directory.Build.* files keep the repository's build
    # settings out of it. NuGet downloads the package into its global packages folder and runs nothing from it.
    proj="$STAGING/restore-$pkg"
    log="$LOGS/nuget-restore-$pkg.log"
    rm -rf "$proj"
    mkdir -p "$proj" "$LOGS"
    for stub in Directory.Build.props Directory.Build.targets Directory.Packages.props; do echo '<Project />' >"$proj/$stub"; done
    printf '%s\n' '<Project Sdk="Microsoft.NET.Sdk">' \
      '  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>' \
      "  <ItemGroup><PackageDownload Include=\"$name\" Version=\"[$version]\" /></ItemGroup>" \
      '</Project>' >"$proj/restore.csproj"
    if ! dotnet restore "$proj/restore.csproj" --nologo -v q >"$log" 2>&1; then
      show_log "$log"
      rm -rf "$proj"
      die "dotnet restore of $name $version failed (offline? the package is not in $folder)"
    fi
    rm -rf "$proj"
    [[ -f "$nupkg" ]] || die "dotnet restore of $name $version did not leave $nupkg"
  fi
  sha="$(sha256_of "$nupkg")"
  integrity="$(sha512_integrity "$nupkg")"
  integrity="${integrity#sha512-}"
  if [[ "$sha" != "${PKG_SHA[$pkg]}" || "$integrity" != "${PKG_INTEGRITY[$pkg]}" ]]; then
    die "$name $version: the package in NuGet's global packages folder does not match eng/tools/tools.lock
  sha256 expected ${PKG_SHA[$pkg]}
         got      $sha
  sha512 expected ${PKG_INTEGRITY[$pkg]}
         got      $integrity
  Nothing was extracted. Delete $folder/$lower/$version and run again; if the package still differs, the
  registry served other bytes under the same version: stop and find out why."
  fi
  PKG_PATH[$pkg]="$nupkg"
}

ensure_package() {
  if [[ "${PKG_KIND[$1]}" == nuget ]]; then
    ensure_nupkg "$1"
  else
    ensure_tarball "$1"
    PKG_PATH[$1]="$CACHE/${PKG_TGZ[$1]}"
  fi
}

# Extracts the tool's files from its verified packages, then verifies every extracted file.
fetch_tool() {
  local tool="$1" i pkg stage tgz dest actual
  local -a pkgs=() members=()
  for i in "${!F_TOOL[@]}"; do
    [[ "${F_TOOL[$i]}" == "$tool" ]] || continue
    [[ " ${pkgs[*]} " == *" ${F_PKG[$i]} "* ]] || pkgs+=("${F_PKG[$i]}")
  done
  for pkg in "${pkgs[@]}"; do ensure_package "$pkg"; done

  remove_tool "${TOOL_DIRS[$tool]}"
  for pkg in "${pkgs[@]}"; do
    stage="$STAGING/$tool-$pkg"
    rm -rf "$stage"
    mkdir -p "$stage"
    members=()
    for i in "${!F_TOOL[@]}"; do
      if [[ "${F_TOOL[$i]}" == "$tool" && "${F_PKG[$i]}" == "$pkg" && " ${members[*]} " != *" ${F_SRC[$i]} "* ]]; then
        members+=("${F_SRC[$i]}") # a member named twice would make tar fail
      fi
    done
    tgz="${PKG_PATH[$pkg]}"
    # The package was verified a moment ago; check again so that a cache damaged in between cannot slip by.
    if [[ "$(sha256_of "$tgz")" != "${PKG_SHA[$pkg]}" ]]; then
      [[ "${PKG_KIND[$pkg]}" == nuget ]] || rm -f "$tgz"
      die "${tgz#"$ROOT/"} changed under us; run again"
    fi
    if [[ "${PKG_KIND[$pkg]}" == nuget ]]; then
      command -v unzip >/dev/null 2>&1 || die "'unzip' is required to extract $tool from its NuGet package"
      unzip -q -o "$tgz" "${members[@]}" -d "$stage" || die "could not extract from $tgz"
    else
      tar -xzf "$tgz" -C "$stage" --no-same-owner --no-same-permissions "${members[@]}" ||
        die "could not extract from ${tgz#"$ROOT/"}"
    fi
  done
  for i in "${!F_TOOL[@]}"; do
    [[ "${F_TOOL[$i]}" == "$tool" ]] || continue
    dest="$TOOLS/${F_DEST[$i]}"
    mkdir -p "$(dirname "$dest")"
    cp "$STAGING/$tool-${F_PKG[$i]}/${F_SRC[$i]}" "$dest"
    if [[ "$dest" == *.so || "${F_MODE[$i]}" == executable ]]; then chmod 755 "$dest"; else chmod 644 "$dest"; fi
    actual="$(sha256_of "$dest")"
    if [[ "$actual" != "${F_SHA[$i]}" ]]; then
      remove_tool "${TOOL_DIRS[$tool]}"
      rm -rf "$STAGING"
      die "$tool: extracted ${F_SRC[$i]} has SHA-256 $actual, eng/tools/tools.lock pins ${F_SHA[$i]}; removed what was extracted"
    fi
  done
  rm -rf "$STAGING"
  verify_tool "$tool" || { remove_tool "${TOOL_DIRS[$tool]}"; die "$tool: verification failed after extraction; removed what was extracted"; }
  smoke_tool "$tool"
}

# Runs a fetched executable once: a binary that does not start here fails now, not in the first test that needs it.
smoke_tool() {
  local log="$LOGS/smoke-$1.log" version
  case "$1" in
    bicep)
      mkdir -p "$LOGS"
      version="$("$TOOLS/bicep/bicep" --version 2>"$log")" || { show_log "$log"; remove_tool "${TOOL_DIRS[$1]}"; die "the Bicep CLI does not start: .tools/bicep/bicep --version failed"; }
      [[ "$version" == "Bicep CLI version ${TOOL_VERSION[$1]} "* ]] ||
        { remove_tool "${TOOL_DIRS[$1]}"; die "the Bicep CLI reports '$version', expected version ${TOOL_VERSION[$1]}"; }
      ;;
  esac
}

# The path printed for a tool: its main file, or its folder.
tool_path() {
  case "$1" in
    libduckdb) echo "$TOOLS/duckdb/libduckdb.so" ;;
    bicep) echo "$TOOLS/bicep/bicep" ;;
    onnxruntime) echo "$TOOLS/onnxruntime" ;;
    *) echo "$TOOLS/${TOOL_DIRS[$1]%%,*}" ;;
  esac
}

# ---- the node project (Azurite, DuckDB for node, the tokenizer reference) --------------------
NODE_DIR="$TOOLS/node"
NODE_MODULES="$NODE_DIR/node_modules"
AZURITE_JS="$NODE_MODULES/azurite/dist/src/azurite.js"
NODE_PKGS=("azurite" "@duckdb/node-api" "@huggingface/tokenizers")
NODE_LABELS=("azurite" "duckdb-node-api" "hf-tokenizers")

node_stamp() { cat "$NODE_PROJECT/package.json" "$NODE_PROJECT/package-lock.json" | sha256sum | cut -d' ' -f1; }

# NODE_PIN[pkg]: the version pinned in eng/tools/node/package.json; NODE_INSTALLED[pkg]: the version
# in .tools/node ("-" when absent). One node process reads them all, to keep the no-op run fast.
declare -A NODE_PIN NODE_INSTALLED
read_node_versions() {
  local name pin installed
  while read -r name pin installed; do
    NODE_PIN[$name]="$pin" NODE_INSTALLED[$name]="$installed"
  done < <(node -e 'const [dir, pj, ...names] = process.argv.slice(1);
    const pins = require(pj).dependencies;
    for (const n of names) {
      let v = "-"; try { v = require(`${dir}/${n}/package.json`).version; } catch {}
      console.log(n, pins[n] ?? "-", v);
    }' "$NODE_MODULES" "$NODE_PROJECT/package.json" "${NODE_PKGS[@]}")
  for name in "${NODE_PKGS[@]}"; do
    [[ -n "${NODE_PIN[$name]:-}" && "${NODE_PIN[$name]}" != - ]] || die "eng/tools/node/package.json does not pin $name"
  done
}

verify_node() {
  local name
  [[ -f "$NODE_DIR/.bootstrap-stamp" && "$(cat "$NODE_DIR/.bootstrap-stamp")" == "$(node_stamp)" ]] || return 1
  [[ -f "$AZURITE_JS" && -f "$NODE_MODULES/@duckdb/node-bindings-linux-x64/libduckdb.so" ]] || return 1
  for name in "${NODE_PKGS[@]}"; do
    [[ "${NODE_INSTALLED[$name]}" == "${NODE_PIN[$name]}" ]] || return 1
  done
}

# Compares what npm installed (node_modules/.package-lock.json) with the committed lock file: every
# installed package must be in it with the same version and integrity, and every package it requires
# (all but other platforms' optional ones) must be installed. Prints the differences.
check_installed_against_lock() {
  node -e 'const [lockPath, installedPath] = process.argv.slice(1);
    const lock = require(lockPath).packages, installed = require(installedPath).packages;
    const bad = [];
    for (const [path, got] of Object.entries(installed)) {
      if (!path) continue;
      const want = lock[path];
      if (!want) bad.push(`${path}@${got.version} is not in the lock file`);
      else if (want.version !== got.version || want.integrity !== got.integrity)
        bad.push(`${path}: installed ${got.version} ${got.integrity}, locked ${want.version} ${want.integrity}`);
    }
    for (const [path, want] of Object.entries(lock))
      if (path && !want.optional && !installed[path]) bad.push(`${path}@${want.version} is locked but not installed`);
    if (bad.length) { console.log(bad.slice(0, 10).join("\n")); process.exit(1); }' \
    "$NODE_PROJECT/package-lock.json" "$NODE_MODULES/.package-lock.json"
}

# Runs each package once: a broken install fails here, not in the first test that needs it.
smoke_node() {
  local log="$LOGS/node-smoke.log" version
  version="$(node "$AZURITE_JS" --version 2>"$log")" || { show_log "$log"; die "azurite does not start: node ${AZURITE_JS#"$ROOT/"} --version failed"; }
  [[ "$version" == "${NODE_PIN[azurite]}" ]] || die "azurite reports version '$version', expected ${NODE_PIN[azurite]}"
  (cd "$NODE_DIR" && node --input-type=module -e '
    import { DuckDBInstance } from "@duckdb/node-api";
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const rows = (await con.runAndReadAll("SELECT 42 AS answer")).getRows();
    if (rows.length !== 1 || Number(rows[0][0]) !== 42) throw new Error("SELECT 42 returned " + JSON.stringify(rows));
    // a three-token WordPiece vocabulary is enough to prove the tokenizer loads and runs
    const { Tokenizer } = await import("@huggingface/tokenizers");
    const tokenizer = new Tokenizer({ version: "1.0", truncation: null, padding: null, added_tokens: [],
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" }, post_processor: null, decoder: null,
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100,
               vocab: { "[UNK]": 0, "re": 1, "##rank": 2 } } }, {});
    const ids = tokenizer.encode("Rerank").ids.join(",");
    if (ids !== "1,2") throw new Error("tokenizer smoke test: expected ids 1,2, got " + ids);
  ' >>"$log" 2>&1) || { show_log "$log"; die "@duckdb/node-api or @huggingface/tokenizers does not load (see above)"; }
}

fetch_node() {
  local log="$LOGS/npm-ci.log"
  mkdir -p "$NODE_DIR" "$LOGS"
  rm -rf "$NODE_MODULES" "$NODE_DIR/.bootstrap-stamp"
  cp "$NODE_PROJECT/package.json" "$NODE_PROJECT/package-lock.json" "$NODE_DIR/"
  # npm ci installs exactly the lock file and checks every tarball against its recorded integrity.
  # --prefer-offline takes what npm's own cache already holds: the versions are exact and verified anyway.
  # Only the optional DuckDB binding for this platform is installed; it ships its binaries (no download).
  if npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --prefix "$NODE_DIR" >"$log" 2>&1; then
    :
  elif grep -q 'can only install packages when your package.json and package-lock.json' "$log"; then
    # npm ci refuses a lock file that lacks an optional dependency, and the registry served to us has
    # none of @duckdb/node-bindings' other platform packages at this version (404), so npm could not
    # record them. `npm install` on the same lock file installs the locked versions, checking each
    # tarball's integrity; check_installed_against_lock below proves that it did.
    echo "bootstrap: npm ci refused the lock file (optional packages of other platforms); using npm install" >>"$log"
    if ! npm install --prefer-offline --ignore-scripts --no-audit --no-fund --omit-lockfile-registry-resolved \
      --prefix "$NODE_DIR" >>"$log" 2>&1; then
      show_log "$log"
      rm -rf "$NODE_MODULES"
      die "npm install for .tools/node failed (offline before the first run? see ${log#"$ROOT/"})"
    fi
    cp "$NODE_PROJECT/package-lock.json" "$NODE_DIR/package-lock.json"
  else
    show_log "$log"
    rm -rf "$NODE_MODULES"
    die "npm ci for .tools/node failed (offline before the first run? see ${log#"$ROOT/"})"
  fi
  local differences
  if ! differences="$(check_installed_against_lock 2>&1)"; then
    rm -rf "$NODE_MODULES"
    die "what npm installed differs from eng/tools/node/package-lock.json:
$differences
  Regenerate the lock file (cd eng/tools/node && npm install --package-lock-only --ignore-scripts --omit-lockfile-registry-resolved) and review it."
  fi
  smoke_node
  read_node_versions
  local name
  for name in "${NODE_PKGS[@]}"; do
    [[ "${NODE_INSTALLED[$name]}" == "${NODE_PIN[$name]}" ]] ||
      die "$name: installed ${NODE_INSTALLED[$name]}, but eng/tools/node/package.json pins ${NODE_PIN[$name]}"
  done
  node_stamp >"$NODE_DIR/.bootstrap-stamp"
}

# ---- run -------------------------------------------------------------------------------------
failed=0
read_node_versions
if verify_node; then
  status=ok
elif ((CHECK)); then
  if [[ -d "$NODE_MODULES" ]]; then status=differs; else status=missing; fi
  failed=1
else
  fetch_node
  status=fetched
fi
for i in "${!NODE_PKGS[@]}"; do
  report "${NODE_LABELS[$i]}" "${NODE_PIN[${NODE_PKGS[$i]}]}" "$NODE_MODULES/${NODE_PKGS[$i]}" "$status"
done

for tool in "${TOOL_ORDER[@]}"; do
  if verify_tool "$tool"; then
    status=ok
  elif ((CHECK)); then
    if [[ -e "$(tool_path "$tool")" ]]; then status=differs; else status=missing; fi
    failed=1
  else
    fetch_tool "$tool"
    status=fetched
  fi
  report "$tool" "${TOOL_VERSION[$tool]}" "$(tool_path "$tool")" "$status"
done

if ((CHECK)); then
  ((failed == 0)) || die "some tools are missing or differ from their pins; run eng/bootstrap.sh"
  exit 0
fi

# ---- .tools/env.sh ---------------------------------------------------------------------------
env_tmp="$TOOLS/.env.sh.tmp"
{
  echo "# Written by eng/bootstrap.sh; rewritten on every run. Source it: . .tools/env.sh"
  printf 'export PIPELINE_TOOLS=%q\n' "$TOOLS"
  printf 'export DUCKDB_LIB=%q\n' "$TOOLS/duckdb/libduckdb.so"
  printf 'export ORT_NATIVE_DIR=%q\n' "$TOOLS/onnxruntime/native"
  printf 'export ORT_SOURCES=%q\n' "$TOOLS/onnxruntime/src"
  echo "# the Azure Storage emulator: node \"\$AZURITE\" --silent --inMemoryPersistence --skipApiVersionCheck"
  printf 'export AZURITE=%q\n' "$AZURITE_JS"
  printf 'export PIPELINE_NODE_MODULES=%q\n' "$NODE_MODULES"
  echo "# the Bicep CLI: \"\$PIPELINE_BICEP\" build infra/main.bicep --stdout; \"\$PIPELINE_BICEP\" lint infra/main.bicep"
  printf 'export PIPELINE_BICEP=%q\n' "$TOOLS/bicep/bicep"
} >"$env_tmp"
mv "$env_tmp" "$TOOLS/env.sh"
