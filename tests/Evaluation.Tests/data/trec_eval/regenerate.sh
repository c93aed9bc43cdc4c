#!/usr/bin/env bash
# Regenerates the expected outputs of cases.tsv whose origin is 'trec_eval' or 'skip-missing' with a trec_eval 10.0
# binary given as the only argument, and checks that it reproduces the 'reference' ones. Nothing here builds trec_eval.
#   tests/Evaluation.Tests/data/trec_eval/regenerate.sh /path/to/trec_eval
set -euo pipefail
trec_eval=${1:?usage: regenerate.sh /path/to/trec_eval}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plain() { # trec_eval reads no gzip: give it a plain copy
  case "$1" in
    *.gz) local out="$tmp/$(basename "$1" .gz)"; gzip -dc "$here/$1" > "$out"; echo "$out" ;;
    *) echo "$here/$1" ;;
  esac
}

status=0
while IFS=$'\t' read -r id origin qrels run args expected; do
  [[ -z "$id" || "$id" == \#* ]] && continue
  q=$(plain "$qrels"); r=$(plain "$run")
  if [[ "$origin" == skip-missing ]]; then
    awk 'NR==FNR { keep[$1]=1; next } ($1 in keep)' "$r" "$q" > "$tmp/qrels.run-queries"
    q="$tmp/qrels.run-queries"
  fi
  # shellcheck disable=SC2086 # the arguments are a word list on purpose
  "$trec_eval" $args "$q" "$r" > "$tmp/out.txt"
  if [[ "$origin" == reference ]]; then
    if ! cmp -s "$tmp/out.txt" <(gzip -dcf "$here/$expected"); then
      echo "MISMATCH with the reference output: $id" >&2; status=1
    fi
  elif [[ "$expected" == *.gz ]]; then
    gzip -9nc "$tmp/out.txt" > "$here/$expected"
  else
    cp "$tmp/out.txt" "$here/$expected"
  fi
  echo "$id: $(wc -l < "$tmp/out.txt") lines"
done < "$here/cases.tsv"
exit $status
