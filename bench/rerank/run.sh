#!/usr/bin/env bash
# Rerank throughput: the library path vs a bare InferenceSession.Run loop, bucketed vs fixed padding.
#   bench/rerank/run.sh [QUERIES=3] [THREADS=2]
# Needs /usr/bin/python3 with python3-onnx and python3-numpy (Debian) to make the MiniLM-L6-shaped random model in
# /tmp (never committed), and eng/bootstrap.sh run once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
QUERIES="${1:-3}" THREADS="${2:-2}"
MODEL="${MODEL:-/tmp/rerank-bench-minilm}"
if [[ ! -f "$MODEL/model.onnx" ]]; then
  mkdir -p "$MODEL"
  /usr/bin/python3 /work/shared/models/make_tiny_bert.py --kind cross --hidden 384 --layers 6 --heads 12 \
    --intermediate 1536 --out "$MODEL/model.onnx"
  cp "$ROOT/tests/Tokenization.Tests/data/bert-base-uncased/"{vocab.txt,tokenizer_config.json} "$MODEL/"
fi
dotnet build -c Release "$ROOT/bench/rerank/RerankBench.csproj" -v q -nologo
S="$ROOT/samples/scifact"
/usr/bin/time -v "$ROOT/artifacts/bin/RerankBench/release/RerankBench" "$MODEL" "$S/queries.test.tsv" \
  "$S/corpus.jsonl.gz" "$S/bm25.run.gz" "$QUERIES" 100 "$THREADS" 2> >(grep -E "Maximum resident|Elapsed" >&2)
