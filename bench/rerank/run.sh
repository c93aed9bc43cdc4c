#!/usr/bin/env bash
# Rerank throughput (bench/rerank/RESULTS.md): the library path vs a bare InferenceSession.Run loop, and length-bucketed
# vs fixed max-length padding, on SciFact and Cranfield (samples/), then `pipeline rerank` end to end for its peak RSS.
#   bench/rerank/run.sh [QUERIES=6] [THREADS=2] [REPEATS=2]
# QUERIES queries x depth 100 pairs per corpus (6 -> 600 pairs, one RunReranker chunk); REPEATS repetitions of the
# bucketed/fixed comparison. Each process runs under /usr/bin/time -v. About 10 minutes on 2 vCPUs with the defaults.
#
# Needs /usr/bin/python3 with python3-onnx and python3-numpy (Debian) to make the MiniLM-L6-shaped random model in
# $MODEL (default /tmp/rerank-bench-minilm; never committed), and eng/bootstrap.sh run once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
QUERIES="${1:-6}" THREADS="${2:-2}" REPEATS="${3:-2}"
MODEL="${MODEL:-/tmp/rerank-bench-minilm}"
if [[ ! -f "$MODEL/model.onnx" ]]; then
  mkdir -p "$MODEL"
  /usr/bin/python3 "$ROOT/tests/Onnx.Tests/data/models/make_tiny_bert.py" --kind cross --hidden 384 --layers 6 --heads 12 \
    --intermediate 1536 --out "$MODEL/model.onnx"
  cp "$ROOT/tests/Tokenization.Tests/data/bert-base-uncased/"{vocab.txt,tokenizer_config.json} "$MODEL/"
fi
dotnet build -c Release "$ROOT/bench/rerank/RerankBench.csproj" -v q -nologo
dotnet build -c Release "$ROOT/functions/Pipeline.Functions.csproj" -v q -nologo
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

timed() { # timed LABEL COMMAND...: runs the command under /usr/bin/time -v and prints its wall time and peak RSS
  local label="$1"; shift
  /usr/bin/time -v -o "$WORK/time.txt" "$@"
  echo "$label: $(grep -E 'Elapsed \(wall' "$WORK/time.txt" | sed 's/.*): //') wall, peak RSS $(grep -E 'Maximum resident' "$WORK/time.txt" | sed 's/.*: //') kB"
}

echo "commit $(git -C "$ROOT" rev-parse --short=12 HEAD)$(git -C "$ROOT" diff --quiet HEAD -- bench shared || echo ' (+ uncommitted changes)'); $(nproc) CPUs: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
for corpus in scifact cranfield; do
  S="$ROOT/samples/$corpus"
  Q="$S/queries.tsv"; [[ -f "$Q" ]] || Q="$S/queries.test.tsv"
  echo
  echo "## $corpus"
  timed "RerankBench $corpus" "$ROOT/artifacts/bin/RerankBench/release/RerankBench" "$MODEL" "$Q" "$S/corpus.jsonl.gz" \
    "$S/bm25.run.gz" "$QUERIES" 100 "$THREADS" "$REPEATS"
done

# The product end to end (corpus loading, tokenization, scoring, writing) on the first 2 SciFact queries: one session,
# so this is the memory a `pipeline rerank` process needs at the default token budget.
S="$ROOT/samples/scifact"
zcat "$S/bm25.run.gz" | awk '!($1 in seen) { n++; seen[$1] = 1 } n <= 2' > "$WORK/run2.trec"
echo
echo "## pipeline rerank (SciFact, 2 queries x depth 100)"
timed "pipeline rerank" "$ROOT/artifacts/bin/Pipeline.Functions/release/pipeline" rerank --model "$MODEL" \
  --queries "$S/queries.test.tsv" --corpus "$S/corpus.jsonl.gz" --run "$WORK/run2.trec" --depth 100 --threads "$THREADS" \
  --out "$WORK/reranked.trec"
echo "reranked lines: $(wc -l < "$WORK/reranked.trec")"
