#!/usr/bin/env bash
# Shard throughput: `pipeline shard` against a plain DuckDB COPY (read_json -> Parquet, zstd) of the same data, in the
# same run. SciFact (5,183 docs) is replicated with suffixed ids to >= 1M documents.
# Usage: bench/shard/run.sh [copies=193] [threads=1]   (needs eng/bootstrap.sh; writes under $BENCH_DIR or /tmp)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-193}"; threads="${2:-1}"
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

rm -rf "$work/out-pipeline" "$work/out-duckdb"; mkdir -p "$work/out-duckdb"
a=$(measure pipeline "$pipeline" shard --corpus "$corpus" --out "$work/out-pipeline" --shard-docs 100000 --threads "$threads" --memory-limit 1GB --quiet)
cd "$root/.tools/node" # node resolves @duckdb/node-api from here
b=$(measure duckdb node --input-type=module -e '
  import { DuckDBInstance } from "@duckdb/node-api";
  const [corpus, out, threads] = process.argv.slice(1);
  const db = await DuckDBInstance.create(":memory:", { threads, memory_limit: "1GB" });
  const con = await db.connect();
  await con.run(`COPY (SELECT "_id" AS doc_id, coalesce(title, \x27\x27) AS title, text FROM read_json(\x27${corpus}\x27, format = \x27newline_delimited\x27, columns = {"_id": \x27VARCHAR\x27, title: \x27VARCHAR\x27, text: \x27VARCHAR\x27}))
    TO \x27${out}\x27 (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 10000, FILE_SIZE_BYTES \x27200MB\x27)`);
' "$corpus" "$work/out-duckdb" "$threads")
read -r _ ta ra ca <<<"$a"; read -r _ tb rb cb <<<"$b"
mb=$(awk -v b="$bytes" 'BEGIN{print b/1e6}')
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "commit: $(git -C "$root" rev-parse --short=12 HEAD)"
echo "input: $docs docs, $mb MB JSONL; threads=$threads"
awk -v ta="$ta" -v tb="$tb" -v ra="$ra" -v rb="$rb" -v ca="$ca" -v cb="$cb" -v mb="$mb" -v d="$docs" 'BEGIN{
  printf "| tool | seconds | CPU s (user+sys) | MB/s | docs/s | peak RSS MiB |\n|---|---|---|---|---|---|\n";
  printf "| pipeline shard | %.1f | %.1f | %.1f | %.0f | %.0f |\n", ta, ca, mb/ta, d/ta, ra/1024;
  printf "| DuckDB COPY (node) | %.1f | %.1f | %.1f | %.0f | %.0f |\n", tb, cb, mb/tb, d/tb, rb/1024;
  printf "ratio (pipeline / DuckDB wall time): %.2f  (overhead %+.0f%%)\n", ta/tb, (ta/tb-1)*100;
  printf "ratio (pipeline / DuckDB CPU time):  %.2f\n", ca/cb }'
