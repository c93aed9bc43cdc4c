#!/usr/bin/env python3
"""One size's Markdown section for bench/pipeline/RESULTS.md, from the files run.sh leaves in its work folder.

    summarize.py LABEL JOB_DIR TIME_FILE RSS_SAMPLES INDEX_MEMORY_LINE [CHECK_LINE DEDUP_EVAL]
    summarize.py --resume LABEL JOB_DIR TIME_FILE RSS_SAMPLES
"""
import json
import os
import re
import sys
from datetime import datetime


def ts(text):
    # "2026-11-22T12:41:28.7043359+00:00": 7 fraction digits; Python wants at most 6
    text = re.sub(r"(\.\d{6})\d*", r"\1", text)
    return datetime.fromisoformat(text).timestamp()


def gnu_time(path):
    values = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if ":" in line:
                key, _, value = line.strip().rpartition(": ")
                values[key] = value
    wall = values["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall)))
    return {
        "wall": seconds,
        "cpu": float(values["User time (seconds)"]) + float(values["System time (seconds)"]),
        "rss": int(values["Maximum resident set size (kbytes)"]) / 1024,
        "cpu_pct": values["Percent of CPU this job got"],
    }


def resume(label, job, time_file, samples_file) -> None:
    """A resumed run: only the stages it ran (those whose span lies in its RSS samples)."""
    status = json.load(open(os.path.join(job, "status.json"), encoding="utf-8"))
    t = gnu_time(time_file)
    samples = [(float(a), int(b) / 1024) for a, b in (l.split() for l in open(samples_file, encoding="utf-8") if len(l.split()) == 2)]
    first = samples[0][0] - 1.0
    print(f"#### {label}\n")
    print(f"Wall {t['wall']:.1f} s, CPU {t['cpu']:.1f} s, peak RSS **{t['rss']:,.0f} MiB**; state `{status['state']}`.\n")
    print("| stage | tasks | wall span (s) | work (s) | RSS at stage start (MiB) | peak RSS sampled in span (MiB) |")
    print("|---|---|---|---|---|---|")
    for s in status["stages"]:
        start, end = ts(s["firstStartedAt"]), ts(s["lastFinishedAt"])
        if start < first:
            continue
        inside = [r for when, r in samples if start - 0.25 <= when <= end + 0.25]
        print(f"| {s['function']} | {s['done']}/{s['total']} | {end - start:.1f} | {s['seconds']:.1f} | "
              f"{inside[0] if inside else 0:,.0f} | {max(inside) if inside else 0:,.0f} |")
    print()


def main() -> None:
    if sys.argv[1] == "--resume":
        resume(*sys.argv[2:6])
        return
    label, job, time_file, samples_file, memory_line = sys.argv[1:6]
    check_line = sys.argv[6] if len(sys.argv) > 6 else ""
    dedup = sys.argv[7] if len(sys.argv) > 7 else ""
    status = json.load(open(os.path.join(job, "status.json"), encoding="utf-8"))
    metrics = json.load(open(os.path.join(job, "metrics.json"), encoding="utf-8"))
    manifest = json.load(open(os.path.join(job, "manifest.json"), encoding="utf-8"))
    t = gnu_time(time_file)
    samples = []
    with open(samples_file, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                samples.append((float(parts[0]), int(parts[1]) / 1024))
    memory = dict(kv.split("=", 1) for kv in memory_line.split())
    index_dir = os.path.join(job, "work", "index")
    shard_bytes = sum(os.path.getsize(os.path.join(index_dir, n)) for n in os.listdir(index_dir) if n.startswith("shard-"))
    stats_bytes = os.path.getsize(os.path.join(index_dir, "statistics.bm25"))
    corpus_dir = os.path.join(job, "work", "corpus")
    parquet_bytes = sum(os.path.getsize(os.path.join(corpus_dir, n)) for n in os.listdir(corpus_dir) if n.endswith(".parquet"))
    trec_bytes = os.path.getsize(os.path.join(job, "runs", "bm25.trec"))

    c = manifest["corpus"]
    print(f"### {label}: {c['documents']:,} documents, {c['shards']} shard(s), {manifest['queries']['count']} queries "
          f"in {manifest['queries']['blocks']} blocks\n")
    print(f"Total wall **{t['wall']:.1f} s**, CPU {t['cpu']:.1f} s (user + sys, {t['cpu_pct']} of one core), "
          f"peak RSS **{t['rss']:,.0f} MiB** (`/usr/bin/time -v`); state `{status['state']}`.\n")
    print("| stage | tasks | wall span (s) | work (s, summed over tasks) | peak RSS sampled in span (MiB) |")
    print("|---|---|---|---|---|")
    for s in status["stages"]:
        start, end = ts(s["firstStartedAt"]), ts(s["lastFinishedAt"])
        inside = [r for when, r in samples if start - 0.25 <= when <= end + 0.25]
        peak = f"{max(inside):,.0f}" if inside else "–"
        print(f"| {s['function']} | {s['done']}/{s['total']} | {end - start:.1f} | {s['seconds']:.1f} | {peak} |")
    first = min(ts(s["firstStartedAt"]) for s in status["stages"])
    last = max(ts(s["lastFinishedAt"]) for s in status["stages"])
    print(f"\nStages from the first start to the last finish: {last - first:.1f} s; the rest of the wall time is process "
          f"start, job validation and submission, and shutdown.")
    print(f"RSS sampled every 0.5 s: {len(samples)} samples, max {max(r for _, r in samples):,.0f} MiB.\n")
    print(f"Store sizes: Parquet shards {parquet_bytes / 2**20:,.1f} MiB, BM25 shard files {shard_bytes / 2**20:,.1f} MiB "
          f"+ statistics {stats_bytes / 2**20:,.1f} MiB, final run `bm25.trec` {trec_bytes / 2**20:,.1f} MiB.")
    print(f"BM25 index in memory (`IndexMemory`: every shard loaded as RetrieveBlock holds it, with its searcher, plus the "
          f"global statistics; managed heap after full GCs): **{float(memory['indexesMiB']) + float(memory['statisticsMiB']):,.0f} MiB** "
          f"({memory['postings']} postings, {float(memory['bytesPerPosting']):.1f} B per posting all-in; "
          f"{float(memory['indexesMiB']) / max(1e-9, shard_bytes / 2**20):.1f}x the shard files; largest shard "
          f"{memory['largestShardMiB']} MiB; the harness itself peaked at {memory.get('harnessPeakRssMiB', '?')} MiB RSS loading them).\n")
    print("Metrics (`metrics.json`, run `bm25`, all queries):\n")
    runs = metrics["runs"]["bm25"]["all"]
    print("| " + " | ".join(runs) + " |")
    print("|" + "---|" * len(runs))
    print("| " + " | ".join(f"{v:.4f}" for v in runs.values()) + " |")
    if check_line:
        print(f"\nDuplicate check (`check.py`): {check_line}")
    if dedup:
        print(f"Distinct documents (`check.py` + `pipeline eval`): {dedup}")
    print()


if __name__ == "__main__":
    main()
