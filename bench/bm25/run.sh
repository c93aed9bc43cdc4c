#!/usr/bin/env bash
# BM25 indexing and search throughput: ours (`pipeline index` / `pipeline search --threads 1`) against Lucene 8
# (Debian liblucene8-java: EnglishAnalyzer, BM25Similarity(0.9, 0.4), title + text in one field, one thread).
#
#   bench/bm25/run.sh [--replicas N] [--k K]
#
# Workloads: SciFact (samples/scifact, 5,183 documents, 300 test queries) and SciFact replicated N times (default 97:
# 502,751 documents; ids suffixed _rNN, same queries). Throughput figures are each program's own in-process timing
# (start-up excluded): our verbs' stderr lines, the harness's lucene-* lines. Peak RSS from /usr/bin/time -v.
# Needs: dotnet (global.json), java + javac 17, apt-get install -y liblucene8-java, python3.
# Prints a Markdown table; paste it into bench/bm25/RESULTS.md with the machine and commit it prints. A second table
# compares our traversals (`search --traversal maxscore|accumulate|auto`, warm pass) at k = 10, 100, 1000; their runs
# are checked byte-identical.
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
REPLICAS=97 K=1000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --k) K="$2"; shift 2 ;;
    *) echo "usage: $0 [--replicas N] [--k K]" >&2; exit 2 ;;
  esac
done

JARS=/usr/share/java
CP="$JARS/lucene-core-8.7.0.jar:$JARS/lucene-analyzers-common-8.7.0.jar"
for jar in ${CP//:/ }; do
  [[ -f "$jar" ]] || { echo "error: $jar not found (apt-get install -y liblucene8-java)" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bm25-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" -cp "$CP" bench/bm25/LuceneBm25Bench.java
dotnet build functions/Pipeline.Functions.csproj -c Release -v q -nologo >/dev/null
PIPELINE=artifacts/bin/Pipeline.Functions/release/pipeline

QUERIES=samples/scifact/queries.test.tsv
python3 - "$REPLICAS" "$WORK/scifact-x$REPLICAS.jsonl" <<'PY'
import gzip, json, sys
replicas, out = int(sys.argv[1]), sys.argv[2]
docs = [json.loads(line) for line in gzip.open("samples/scifact/corpus.jsonl.gz", "rt", encoding="utf-8") if line.strip()]
with open(out, "w", encoding="utf-8") as f:
    for r in range(replicas):
        for d in docs:
            f.write(json.dumps({"_id": f"{d['_id']}_r{r:02d}", "title": d.get("title", ""), "text": d.get("text", "")}, ensure_ascii=False) + "\n")
PY

rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
num() { grep -oE "$2" "$1" | head -1 | grep -oE '[0-9.]+' | head -1; }

echo "machine: $(nproc) cores, $(awk '/model name/ { $1=$2=$3=""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo)"
echo "commit: $(git rev-parse --short=12 HEAD)$(git diff --quiet HEAD -- . || echo ' (dirty)')  dotnet $(dotnet --version)  $(java -version 2>&1 | head -1)"
echo
echo "| corpus | docs | ours index docs/s | Lucene index docs/s | index time ours/Lucene | ours queries/s (cold / warm pass) | Lucene queries/s (cold / warm pass) | queries/s ours/Lucene (cold / warm) | peak RSS index ours / Lucene whole run (MiB) | peak RSS search ours (MiB) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
TRAVERSALS=()
for corpus in samples/scifact/corpus.jsonl.gz "$WORK/scifact-x$REPLICAS.jsonl"; do
  name="$(basename "$corpus")"
  /usr/bin/time -v -o "$WORK/lucene.time" java -cp "$CP:$WORK/classes" LuceneBm25Bench "$corpus" "$QUERIES" "$K" "$WORK/lucene.run" "$WORK/lucene-index" >"$WORK/lucene.out"
  rm -rf "$WORK/ours-index"
  /usr/bin/time -v -o "$WORK/index.time" "$PIPELINE" index --corpus "$corpus" --out "$WORK/ours-index" >/dev/null 2>"$WORK/index.err"
  /usr/bin/time -v -o "$WORK/search.time" "$PIPELINE" search --index "$WORK/ours-index" --queries "$QUERIES" --k "$K" --threads 1 --out "$WORK/ours.run" >/dev/null 2>"$WORK/search.err"
  # A second process with --warm-up: the timed pass runs after one untimed pass over the same queries, like Lucene's warm pass.
  "$PIPELINE" search --index "$WORK/ours-index" --queries "$QUERIES" --k "$K" --threads 1 --warm-up --out "$WORK/ours-warm.run" >/dev/null 2>"$WORK/search-warm.err"
  cmp -s "$WORK/ours.run" "$WORK/ours-warm.run" || { echo "warm-up run differs from the cold run" >&2; exit 1; }
  cat "$WORK/lucene.out" "$WORK/index.err" "$WORK/search.err" "$WORK/search-warm.err" >&2
  echo "top-10 overlap ours vs Lucene: $(python3 bench/bm25/overlap.py "$WORK/ours.run" "$WORK/lucene.run")" >&2
  docs=$(num "$WORK/index.err" 'index: [0-9]+')
  ours_dps=$(num "$WORK/index.err" '\([0-9.]+ documents/s')
  luc_dps=$(num "$WORK/lucene.out" '\([0-9.]+ documents/s')
  ours_qps=$(num "$WORK/search.err" '\([0-9.]+ queries/s')
  ours_warm=$(num "$WORK/search-warm.err" '\([0-9.]+ queries/s')
  luc_qps=$(grep '^lucene-search:' "$WORK/lucene.out" | grep -oE '\([0-9.]+ queries/s' | grep -oE '[0-9.]+')
  luc_warm=$(grep '^lucene-search-warm:' "$WORK/lucene.out" | grep -oE '\([0-9.]+ queries/s' | grep -oE '[0-9.]+')
  ours_is=$(num "$WORK/index.err" 'in [0-9.]+ s')
  luc_is=$(num "$WORK/lucene.out" 'in [0-9.]+ s')
  for depth in 10 100 1000; do
    row="| $name | $depth |"
    for traversal in maxscore accumulate auto; do
      "$PIPELINE" search --index "$WORK/ours-index" --queries "$QUERIES" --k "$depth" --threads 1 --warm-up --traversal "$traversal" \
        --out "$WORK/ours-$traversal.run" >/dev/null 2>"$WORK/traversal.err"
      row="$row $(num "$WORK/traversal.err" '\([0-9.]+ queries/s') |"
    done
    cmp -s "$WORK/ours-maxscore.run" "$WORK/ours-accumulate.run" && cmp -s "$WORK/ours-maxscore.run" "$WORK/ours-auto.run" \
      || { echo "traversals wrote different runs at k=$depth" >&2; exit 1; }
    TRAVERSALS+=("$row")
  done
  echo "| $name | $docs | $ours_dps | $luc_dps | $(python3 -c "print(f'{$ours_is/$luc_is:.2f}')") | $ours_qps / $ours_warm | $luc_qps / $luc_warm | $(python3 -c "print(f'{$ours_qps/$luc_qps:.2f} / {$ours_warm/$luc_warm:.2f}')") | $(rss "$WORK/index.time") / $(rss "$WORK/lucene.time") | $(rss "$WORK/search.time") |"
done
echo
echo "Traversals, warm queries/s (one thread):"
echo
echo "| corpus | k | maxscore | accumulate | auto |"
echo "|---|---|---|---|---|"
printf '%s\n' "${TRAVERSALS[@]}"
