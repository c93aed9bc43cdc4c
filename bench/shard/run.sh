#!/usr/bin/env bash
# Shard throughput: `pipeline shard` against a plain DuckDB COPY (read_json -> Parquet, zstd) of the same data, in the
# same run, back to back, for ROUNDS rounds (the machine may be shared: compare CPU seconds, and read the load averages).
# SciFact (5,183 docs) is replicated with suffixed ids to >= 1M documents.
# Usage: bench/shard/run.sh [copies=193] [threads=1] [rounds=2]   (needs eng/bootstrap.sh; writes under $BENCH_DIR or /tmp)
#   BENCH_READER=1 also runs `pipeline shard --parser reader` (the line-numbered reader alone) in each round and checks
#   that it writes the same manifest (shard checksums included) as the default parser.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-193}"; threads="${2:-1}"; rounds="${3:-2}"
work="${BENCH_DIR:-/tmp/pipeline-bench-shard}"
. "$root/.tools/env.sh"
mkdir -p "$work"
corpus="$work/corpus-x$copies.jsonl"
if [[ ! -f "$corpus" ]]; then
  echo "making $corpus ..." >&2
  # one pass per copy: rewrite "_id": "X" to "_id": "X-c<copy>"
  for ((c = 0; c < copies; c++)); do
    gzip -dc "$root/samples/scifact/corpus.jsonl.gz" | sed -E "s/^\{\"_id\": \"([^\"]*)\"/{\"_id\": \"\1-c$c\"/"
  done >"$corpus.tmp"
  mv "$corpus.tmp" "$corpus"
fi
docs=$(wc -l <"$corpus"); bytes=$(stat -L -c %s "$corpus")
dotnet build "$root/functions" -c Release --nologo -v q -clp:NoSummary >/dev/null
pipeline="$root/artifacts/bin/Pipeline.Functions/release/pipeline"

measure() { # label, command...: prints label seconds peak-rss-kib cpu-seconds (user + system)
  local label="$1"; shift
  local log="$work/time-$label.txt"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local secs rss
  secs=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
  echo "$label $secs $rss $cpu"
}

peer_script='
  import { DuckDBInstance } from "@duckdb/node-api";
  const [corpus, out, threads] = process.argv.slice(1);
  const db = await DuckDBInstance.create(":memory:", { threads, memory_limit: "1GB" });
  const con = await db.connect();
  await con.run(`COPY (SELECT "_id" AS doc_id, coalesce(title, \x27\x27) AS title, text FROM read_json(\x27${corpus}\x27, format = \x27newline_delimited\x27, columns = {"_id": \x27VARCHAR\x27, title: \x27VARCHAR\x27, text: \x27VARCHAR\x27}))
    TO \x27${out}\x27 (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000, FILE_SIZE_BYTES \x27200MB\x27)`);
'
ours=("$pipeline" shard --corpus "$corpus" --shard-docs 100000 --threads "$threads" --memory-limit 1GB --quiet)

mb=$(awk -v b="$bytes" 'BEGIN{print b/1e6}')
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "commit: $(git -C "$root" rev-parse --short=12 HEAD)"
echo "input: $docs docs, $mb MB JSONL; threads=$threads; $rounds rounds, each tool back to back"
printf "| round | tool | seconds | CPU s (user+sys) | MB/s | docs/s | peak RSS MiB | load avg (1 min) before |\n|---|---|---|---|---|---|---|---|\n"
results=()
for ((r = 1; r <= rounds; r++)); do
  tools=(pipeline duckdb)
  [[ "${BENCH_READER:-0}" == 1 ]] && tools+=(reader)
  for tool in "${tools[@]}"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    rm -rf "$work/out-$tool"
    case "$tool" in
      pipeline) line=$(measure pipeline-$r "${ours[@]}" --parser auto --out "$work/out-pipeline") ;;
      reader) line=$(measure reader-$r "${ours[@]}" --parser reader --out "$work/out-reader") ;;
      # node resolves @duckdb/node-api from .tools/node
      duckdb) mkdir -p "$work/out-duckdb"; line=$(cd "$root/.tools/node" && measure duckdb-$r node --input-type=module -e "$peer_script" "$corpus" "$work/out-duckdb" "$threads") ;;
    esac
    read -r _ t rss cpu <<<"$line"
    results+=("$tool $t $cpu")
    name=$([[ $tool == pipeline ]] && echo '`pipeline shard`' || { [[ $tool == reader ]] && echo '`pipeline shard --parser reader`' || echo 'DuckDB COPY (node)'; })
    awk -v r="$r" -v n="$name" -v t="$t" -v c="$cpu" -v rss="$rss" -v mb="$mb" -v d="$docs" -v l="$load" \
      'BEGIN{ printf "| %d | %s | %.1f | %.1f | %.1f | %.0f | %.0f | %s |\n", r, n, t, c, mb/t, d/t, rss/1024, l }'
  done
  if [[ "${BENCH_READER:-0}" == 1 ]]; then
    cmp -s "$work/out-pipeline/manifest.json" "$work/out-reader/manifest.json" && echo "round $r: manifests identical (every shard's SHA-256)" \
      || echo "round $r: MANIFESTS DIFFER"
  fi
done
printf '%s\n' "${results[@]}" | awk '
  { wall[$1] += $2; cpu[$1] += $3 }
  END {
    printf "ratio (pipeline / DuckDB wall time, sums over the rounds): %.2f  (overhead %+.0f%%)\n", wall["pipeline"]/wall["duckdb"], (wall["pipeline"]/wall["duckdb"]-1)*100;
    printf "ratio (pipeline / DuckDB CPU time, sums over the rounds):  %.2f\n", cpu["pipeline"]/cpu["duckdb"];
    if ("reader" in wall) printf "ratio (reader / DuckDB): wall %.2f, CPU %.2f\n", wall["reader"]/wall["duckdb"], cpu["reader"]/cpu["duckdb"] }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
