#!/usr/bin/env python3
"""Checks what duplicates do to a replicated corpus's BM25 run, and writes its de-duplicated run.

    check.py COPIES REPLICATED_RUN DEDUP_OUT

Copies of a document have the same text and length, hence the same score, and score ties go to doc id descending
(ordinal): "4983-r99" > ... > "4983-r1" > "4983". So every original document should appear as a block of COPIES
equal scores with its original id (copy 0, the one the qrels judge) last, and the top-1000 holds only 1000 / COPIES
distinct documents. Prints one line: queries, queries whose run is made only of such blocks, the distinct documents
per query. DEDUP_OUT gets the run with each block collapsed to its original id (ranks 1..1000 / COPIES): evaluated,
it shows BM25's ranking of distinct documents is intact.
"""
import re
import sys
from collections import defaultdict

SUFFIX = re.compile(r"-r\d+$")


def main() -> None:
    copies, run_path, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    run = defaultdict(list)
    with open(run_path, encoding="utf-8") as f:
        for line in f:
            q, _, d, _, s, _ = line.split()
            run[q].append((d, float(s)))
    blocks_ok = 0
    distinct = set()
    with open(out, "w", encoding="utf-8") as f:
        for q, docs in run.items():
            ok = True
            dedup = []
            for b in range(0, len(docs), copies):
                block = docs[b:b + copies]
                originals = {SUFFIX.sub("", d) for d, _ in block}
                ok &= len({s for _, s in block}) == 1 and len(originals) == 1 and len(block) == copies \
                    and SUFFIX.search(block[-1][0]) is None
                dedup.append((SUFFIX.sub("", block[0][0]), block[0][1]))
            blocks_ok += ok
            distinct.add(len(dedup))
            for rank, (d, s) in enumerate(dedup, 1):
                f.write(f"{q} Q0 {d} {rank} {s!r} dedup\n")
    print(f"queries={len(run)} queriesAllBlocksOfCopiesWithCopy0Last={blocks_ok} distinctDocsPerQuery={min(distinct)}..{max(distinct)}")


if __name__ == "__main__":
    main()
