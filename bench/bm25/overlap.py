"""Mean top-10 overlap of two TREC runs (a sanity check that both engines ranked the same way)."""
import sys
from collections import defaultdict


def top10(path):
    runs = defaultdict(list)
    for line in open(path, encoding="utf-8"):
        qid, _, doc, rank, *_ = line.split()
        if int(rank) <= 10:
            runs[qid].append(doc)
    return runs


a, b = top10(sys.argv[1]), top10(sys.argv[2])
queries = sorted(set(a) | set(b))
print(f"{sum(len(set(a[q]) & set(b[q])) / 10 for q in queries) / len(queries):.4f} over {len(queries)} queries")
