"""Mean top-10 overlap of two TREC runs, a check that both engines ranked alike.

Document ids are compared without a replica suffix (_rNN): in a replicated corpus the copies of a document tie
exactly, and the engines break ties differently (ours: doc id descending; Lucene: index order), so the copies each
puts first differ while the documents they stand for do not. Per query: |A and B| / max(|A|, |B|) over the sets of
base ids in each top 10.
"""
import re
import sys
from collections import defaultdict

SUFFIX = re.compile(r"_r\d+$")


def top10(path):
    runs = defaultdict(set)
    for line in open(path, encoding="utf-8"):
        qid, _, doc, rank, *_ = line.split()
        if int(rank) <= 10:
            runs[qid].add(SUFFIX.sub("", doc))
    return runs


a, b = top10(sys.argv[1]), top10(sys.argv[2])
queries = sorted(set(a) | set(b))
score = sum(len(a[q] & b[q]) / max(len(a[q]), len(b[q]), 1) for q in queries) / len(queries)
print(f"{score:.4f} over {len(queries)} queries")
