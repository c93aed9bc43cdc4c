#!/usr/bin/env bash
# Times `pipeline eval` against trec_eval on the same generated run and qrels, with the same arguments, checks that
# both print identical text, and prints wall seconds, peak RSS and their ratio.
#
#   bench/eval/compare-with-trec_eval.sh /path/to/trec_eval
#
# Environment: QUERIES (10000), DOCS per query (1000), JUDGED per query (10), REPEAT (3, the median is reported),
# CASES (argument lists separated by ';', default "-q -c -m all_trec;-c"),
# PIPELINE (command that runs the CLI; default: the Release build of functions/, built first unless SKIP_BUILD=1),
# KEEP_DATA=1 keeps the generated files.
set -euo pipefail

trec_eval=${1:?usage: compare-with-trec_eval.sh /path/to/trec_eval}
repo=$(cd "$(dirname "$0")/../.." && pwd)
queries=${QUERIES:-10000}
docs=${DOCS:-1000}
judged=${JUDGED:-10}
repeat=${REPEAT:-3}
if [[ -z "${PIPELINE:-}" ]]; then
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    dotnet build "$repo/functions" -c Release -nologo -v quiet > /dev/null
  fi
  PIPELINE="dotnet $repo/artifacts/bin/Pipeline.Functions/release/pipeline.dll"
fi
command -v /usr/bin/time > /dev/null || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

work=$(mktemp -d)
[[ "${KEEP_DATA:-0}" == 1 ]] && echo "data kept in $work" || trap 'rm -rf "$work"' EXIT

# Run: each query retrieves $docs distinct documents with random scores of 3 decimals (so some scores tie);
# qrels: $judged documents per query, 70% of them retrieved, grades 0-2.
awk -v Q="$queries" -v D="$docs" -v J="$judged" -v N=5000000 -v run="$work/run.txt" -v qrels="$work/qrels.txt" 'BEGIN {
  srand(42)
  for (q = 1; q <= Q; q++) {
    base = int(rand() * N); stride = 7919
    for (d = 1; d <= D; d++) printf "q%d Q0 doc%d %d %.3f bench\n", q, (base + d * stride) % N, d, rand() * 30 > run
    delete used
    for (j = 1; j <= J; j++) {
      if (rand() < 0.7) { do { r = 1 + int(rand() * D) } while (r in used); used[r] = 1; doc = (base + r * stride) % N }
      else doc = (base + (D + j) * stride) % N
      printf "q%d 0 doc%d %d\n", q, doc, int(rand() * 3) > qrels
    }
  }
}'
echo "data: $queries queries x $docs docs ($(du -h "$work/run.txt" | cut -f1) run), $judged judged per query"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "commit: $(git -C "$repo" rev-parse --short=12 HEAD)$(git -C "$repo" diff --quiet || echo ' (modified)')"
echo

# measure NAME TOOL ARGS...: runs the tool $repeat times, prints "median_seconds peak_rss_kb cpu_seconds"
measure() {
  local out=$1; shift
  local times=()
  for ((i = 0; i < repeat; i++)); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > "$out"
    times+=("$(cat "$work/time")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$repeat" 'NR == int((n + 1) / 2) { printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
}

printf '%-28s %12s %12s %12s %10s %10s %10s\n' arguments trec_eval_s pipeline_s pl/te te_rss_MB pl_rss_MB identical
IFS=';' read -r -a cases <<< "${CASES:--q -c -m all_trec;-c}"
for args in "${cases[@]}"; do
  # shellcheck disable=SC2086 # the arguments are a word list on purpose
  read -r te_s te_kb te_cpu < <(measure "$work/trec_eval.out" "$trec_eval" $args "$work/qrels.txt" "$work/run.txt")
  # shellcheck disable=SC2086
  read -r pl_s pl_kb pl_cpu < <(measure "$work/pipeline.out" $PIPELINE eval $args "$work/qrels.txt" "$work/run.txt")
  same=no; cmp -s "$work/trec_eval.out" "$work/pipeline.out" && same=yes
  printf '%-28s %12s %12s %12s %10d %10d %10s\n' "$args" "$te_s" "$pl_s" \
    "$(awk -v a="$pl_s" -v b="$te_s" 'BEGIN { printf "%.2f", a / b }')" $((te_kb / 1024)) $((pl_kb / 1024)) "$same"
  echo "  cpu seconds (user+sys): trec_eval $te_cpu, pipeline $pl_cpu; output $(wc -l < "$work/pipeline.out") lines"
  [[ $same == yes ]] || { echo "OUTPUTS DIFFER:" >&2; diff "$work/trec_eval.out" "$work/pipeline.out" | head -5 >&2; exit 1; }
done
