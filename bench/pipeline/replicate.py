#!/usr/bin/env python3
"""SciFact's corpus replicated COPIES times as gzip'd JSON lines: copy 0 keeps the original ids (so the qrels still
match), copy k >= 1 renames each document <id>-r<k>. Titles and texts are byte-for-byte the originals.

    replicate.py CORPUS.jsonl.gz COPIES OUT.jsonl.gz
"""
import gzip
import json
import os
import sys


def main() -> None:
    source, copies, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    docs = []  # (id, the line after its "_id" member)
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc_id = json.loads(line)["_id"]
            head = '{"_id": ' + json.dumps(doc_id, ensure_ascii=False)
            if not line.startswith(head):
                sys.exit(f"{source}: a line does not start with {head!r}")
            docs.append((doc_id, line[len(head):].rstrip("\n")))
    tmp = out + ".tmp"
    # Level 1: the corpus is read once per run, and 1.6 GB at level 6 would take minutes to write.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as gz:
        for k in range(copies):
            suffix = "" if k == 0 else f"-r{k}"
            chunk = "".join(f'{{"_id": {json.dumps(i + suffix, ensure_ascii=False)}{rest}\n' for i, rest in docs)
            gz.write(chunk.encode("utf-8"))
    os.replace(tmp, out)
    print(f"{out}: {copies * len(docs)} documents ({copies} x {len(docs)})", file=sys.stderr)


if __name__ == "__main__":
    main()
