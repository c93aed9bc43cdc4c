#!/usr/bin/env bash
# The whole job (`pipeline run`, in-process, local store, --parallel 2) on SciFact and on SciFact replicated to >= 1M
# documents: wall time, peak RSS, per-stage wall span and work from status.json, metrics from metrics.json, and the
# BM25 index's in-memory size to compare the peak RSS with.
#
#   bench/pipeline/run.sh [COPIES=200]
#
# Sizes: 1x (SciFact, 5,183 documents), 50x (259,150) and COPIES x (200: 1,036,600). SIZES="1 50 200" overrides the
# list. Corpora, job files and stores go under $BENCH_DIR (default /tmp/bench-pipeline), never into the repository;
# a replicated corpus is generated once (bench/pipeline/replicate.py: copy 0 keeps SciFact's ids, copy k is
# <id>-r<k>) and reused. Queries and qrels are SciFact's test split, unchanged. Each job: BM25 top-1000,
# shardDocs 100,000, measures nDCG@10, MRR@10, R@100, MAP (as samples/scifact/job.json). Heavy steps run under
# `nice -n 10`, one at a time. Prints Markdown (also written to $BENCH_DIR/results.md) for bench/pipeline/RESULTS.md.
# Needs: dotnet (global.json; eng/bootstrap.sh run once), python3, GNU time (/usr/bin/time).
set -Eeuo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-200}"
work="${BENCH_DIR:-/tmp/bench-pipeline}"
sizes="${SIZES:-1 50 $copies}"
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time (GNU time) is required" >&2; exit 2; }
mkdir -p "$work"
here="$root/bench/pipeline"
scifact="$root/samples/scifact"

nice -n 10 dotnet build "$root/functions/Pipeline.Functions.csproj" -c Release --nologo -v q -clp:NoSummary >/dev/null
nice -n 10 dotnet build "$here/IndexMemory.csproj" -c Release --nologo -v q -clp:NoSummary >/dev/null
pipeline="$root/artifacts/bin/Pipeline.Functions/release/pipeline"
index_memory="$root/artifacts/bin/IndexMemory/release/IndexMemory"

job_file() { # folder, jobId, shardDocs
  cat >"$1/job.json" <<JSON
{
  "version": 1,
  "jobId": "$2",
  "corpus": { "location": "corpus.jsonl.gz" },
  "queries": { "location": "queries.test.tsv" },
  "qrels": { "location": "qrels.test.txt" },
  "sharding": { "shardDocs": $3 },
  "firstStage": { "bm25": { "k": 1000 } },
  "evaluation": { "measures": ["ndcg_cut.10", "recip_rank@10", "recall.100", "map"] }
}
JSON
}

# Runs the job of size $1 with GNU time and the RSS sampler; output files get prefix $2 in its folder.
timed_run() { # size, prefix[, VAR=value... for the process's environment]
  local size="$1" dir="$work/x$1" prefix="$2" rc=0
  shift 2
  nice -n 10 env "$@" /usr/bin/time -v -o "$dir/${prefix}time.txt" "$pipeline" run "$dir/job.json" --store "$work/store-x$size" --parallel 2 \
    >"$dir/${prefix}run.log" 2>&1 &
  local tpid=$!
  sample_rss "$tpid" "$dir/${prefix}rss.txt" &
  local spid=$!
  wait "$tpid" || rc=$?
  wait "$spid" || true
  tail -n 8 "$dir/${prefix}run.log" >&2
  [[ $rc == 0 ]] || { echo "error: pipeline run (x$size) exited with $rc; see $dir/${prefix}run.log" >&2; exit 1; }
}

# Polls the VmRSS of pid's child (GNU time's, i.e. pipeline's) every 0.5 s: "epoch-seconds KiB" lines.
sample_rss() { # time-pid, out
  local child=""
  while kill -0 "$1" 2>/dev/null; do
    [[ -n "$child" ]] || child="$(pgrep -P "$1" | head -1 || true)"
    if [[ -n "$child" && -r /proc/$child/status ]]; then
      awk -v now="$(date +%s.%N)" '/^VmRSS:/ { print now, $2 }' "/proc/$child/status" 2>/dev/null || true
    fi
    sleep 0.5
  done >"$2"
}

evaluate() { # run, depth: nDCG@10, MRR@10, MAP of the run's top depth documents per query
  "$pipeline" eval -M "$2" -m ndcg_cut.10 -m map "$scifact/qrels.test.txt" "$1" | awk '{ printf "%s %.4f, ", $1, $3 }'
  "$pipeline" eval -M "$(( $2 < 10 ? $2 : 10 ))" -m recip_rank "$scifact/qrels.test.txt" "$1" | awk '{ printf "recip_rank@10 %.4f", $3 }'
}

results="$work/results.md"
{
  echo "machine: $(nproc) cores, $(awk '/model name/ { $1=$2=$3=""; print; exit }' /proc/cpuinfo | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -sr); dotnet $(dotnet --version)"
  echo "commit: $(git -C "$root" rev-parse --short=12 HEAD)$(git -C "$root" diff --quiet HEAD -- shared functions || echo ' (shared/ or functions/ dirty)'); $("$pipeline" --version)"
  echo "command: bench/pipeline/run.sh $copies (SIZES=\"$sizes\"); each size: nice -n 10 /usr/bin/time -v pipeline run JOB --store DIR --parallel 2"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$results"

base_run=""
for n in $sizes; do
  dir="$work/x$n"
  mkdir -p "$dir"
  cp "$scifact/queries.test.tsv" "$scifact/qrels.test.txt" "$dir/"
  if [[ $n == 1 ]]; then
    cp "$scifact/corpus.jsonl.gz" "$dir/corpus.jsonl.gz"
  elif [[ ! -f "$dir/corpus.jsonl.gz" ]]; then
    echo "generating $dir/corpus.jsonl.gz ($n copies)..." >&2
    nice -n 10 python3 "$here/replicate.py" "$scifact/corpus.jsonl.gz" "$n" "$dir/corpus.jsonl.gz"
  fi
  job_file "$dir" "scifact-x$n" 100000
  store="$work/store-x$n"
  rm -rf "$store"
  echo "running x$n: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  timed_run "$n" ""
  job="$store/scifact-x$n"
  memory="$(nice -n 10 /usr/bin/time -f "%M" -o "$dir/index-memory.time" "$index_memory" "$job/work/index")"
  memory+=" harnessPeakRssMiB=$(( $(cat "$dir/index-memory.time") / 1024 ))"
  check="" dedup=""
  if [[ $n == 1 ]]; then
    base_run="$job/runs/bm25.trec"
  else
    check="$(python3 "$here/check.py" "$n" "$job/runs/bm25.trec" "$dir/dedup.trec")"
    depth=$(( (1000 + n - 1) / n ))
    dedup="de-duplicated run (top $depth distinct documents): $(evaluate "$dir/dedup.trec" "$depth")"
    [[ -z "$base_run" ]] || dedup+="; the 1x run cut to the same depth: $(evaluate "$base_run" "$depth")"
  fi
  python3 "$here/summarize.py" "${n}x" "$job" "$dir/time.txt" "$dir/rss.txt" "$memory" "$check" "$dedup" | tee -a "$results"
done
# Where the largest size's memory goes: the same job resumed in a fresh process (a resumed job skips committed tasks),
# once from MergeStatistics and once from RetrieveBlock, after deleting the later stages' completion and advance
# markers (work/done/<stage>, work/advance/<stage>). Without Split and Index in the process, its RSS is what those
# stages need on their own. A third resume from RetrieveBlock caps the GC heap (DOTNET_GCHeapHardLimit, default
# HEAP_LIMIT=0x20000000 = 512 MiB, well under the whole index in memory): if it passes, the RSS above the cap in the
# uncapped runs was reclaimable garbage, and RetrieveBlock does not need the whole index.
n="${sizes##* }"
job="$work/store-x$n/scifact-x$n"
if [[ $n != 1 ]]; then
  echo "### ${n}x resumed in a fresh process" | tee -a "$results"
  echo | tee -a "$results"
  before="$(cd "$job" && sha256sum runs/bm25.trec metrics.json)"
  heap_limit="${HEAP_LIMIT:-0x20000000}"
  for from in merge-statistics retrieve-block retrieve-block-capped; do
    stages=(retrieve-block merge-candidates aggregate-results)
    [[ $from == merge-statistics ]] && stages=(merge-statistics "${stages[@]}")
    run_env=()
    [[ $from == retrieve-block-capped ]] && run_env=(DOTNET_GCHeapHardLimit="$heap_limit")
    for stage in "${stages[@]}"; do rm -rf "$job/work/done/$stage" "$job/work/advance/$stage"; done
    echo "resuming x$n from $from: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    timed_run "$n" "resume-$from-" "${run_env[@]}"
    label="from ${from%-capped} (deleted: ${stages[*]})"
    [[ $from == retrieve-block-capped ]] && label+=", DOTNET_GCHeapHardLimit=$heap_limit ($(( heap_limit / 1048576 )) MiB)"
    python3 "$here/summarize.py" --resume "$label" "$job" "$work/x$n/resume-$from-time.txt" \
      "$work/x$n/resume-$from-rss.txt" | tee -a "$results"
    if [[ "$(cd "$job" && sha256sum runs/bm25.trec metrics.json)" == "$before" ]]; then
      echo "runs/bm25.trec and metrics.json: byte-identical to the first run's." | tee -a "$results"
    else
      echo "runs/bm25.trec or metrics.json DIFFERS from the first run's." | tee -a "$results"
    fi
    echo | tee -a "$results"
  done
fi
echo "written: $results" >&2
