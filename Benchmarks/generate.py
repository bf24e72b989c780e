#!/usr/bin/env python3
"""Deterministic benchmark workspaces for Candor.

    python3 Benchmarks/generate.py OUT --rows 10000000 --kind realistic  # rows as real exports look
    kinds: realistic (id,label,prediction,score: 'veh-08978939,no-failure,no-failure,0.123456',
             44 bytes a row, 1% failures), realistic-multiclass (id,label,prediction, 5 classes),
           binary1 (the short shape 'id123,ok,0.4121', 1% positives), binary10 (10%),
           multiclass (5 classes, short ids), plain (labels and predictions only)

Writes OUT/clients/bench/{client.yaml, weeks/...}: by default two weeks (2026-W47, 2026-W48) of
the same ids (for the paired week-over-week test), one task, one set. Numbers come from a fixed
seed. With --weeks N > 2 the weeks are 2026-W01 onwards and alternate between two files that are
written once and hard-linked, so a year of history costs two files of disk.
"""
import argparse
import os

import numpy as np


def write_client(root, kind):
    os.makedirs(root, exist_ok=True)
    if kind == "realistic":
        task = "  - id: t\n    name: Failure\n    positive_label: failure\n    classes: [no-failure, failure]\n"
    elif kind == "realistic-multiclass":
        task = "  - id: t\n    name: Condition\n    classes: [healthy, worn, damaged, failing, failed]\n"
    elif kind == "multiclass":
        task = "  - id: t\n    name: Five classes\n    classes: [a, b, c, d, e]\n"
    else:
        task = "  - id: t\n    name: Failure\n    positive_label: failure\n    classes: [ok, failure]\n"
    with open(os.path.join(root, "client.yaml"), "w") as f:
        f.write("name: Bench\ntasks:\n" + task + "validation_sets:\n  - id: s\n    description: Benchmark set\n    role: validation\n")


def write_week(path, kind, rows, seed, shift):
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    chunk = 1_000_000
    base = np.random.default_rng(7)  # labels are the same every week
    with open(path, "w") as f:
        if kind == "realistic":
            f.write("id,label,prediction,score\n")
        elif kind.endswith("multiclass"):
            f.write("id,label,prediction\n")
        elif kind == "plain":
            f.write("label,prediction\n")
        else:
            f.write("id,label,score\n")
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            ids = np.arange(start, start + n)
            if kind.startswith("realistic"):
                # A bijection of [0, 10^8) (48271 is prime to 10^8): unique ids in no order.
                ids = (ids * 48271 + 8978939) % 100_000_000
            if kind.endswith("multiclass"):
                labels = base.choice(5, size=n, p=[0.5, 0.25, 0.15, 0.07, 0.03])
                right = rng.random(n) < 0.8 + shift
                predictions = np.where(right, labels, rng.integers(0, 5, size=n))
                names = np.array(list("abcde"))
                if kind == "realistic-multiclass":
                    names = np.array(["healthy", "worn", "damaged", "failing", "failed"])
                    lines = [f"veh-{i:08d},{l},{p}\n" for i, l, p in zip(ids, names[labels], names[predictions])]
                else:
                    lines = [f"id{i},{l},{p}\n" for i, l, p in zip(ids, names[labels], names[predictions])]
            else:
                share = 0.10 if kind == "binary10" else 0.01
                positive = base.random(n) < share
                score = np.clip(rng.normal(0.3 + shift, 0.15, n) + positive * 0.35, 0, 1)
                if kind == "realistic":
                    names = np.array(["no-failure", "failure"])
                    lines = [
                        f"veh-{i:08d},{names[p]},{names[int(s >= 0.5)]},{s:.6f}\n" for i, p, s in zip(ids, positive.astype(int), score)
                    ]
                elif kind == "plain":
                    lines = [f"{'failure' if p else 'ok'},{'failure' if s >= 0.5 else 'ok'}\n" for p, s in zip(positive, score)]
                else:
                    lines = [f"id{i},{'failure' if p else 'ok'},{s:.4f}\n" for i, p, s in zip(ids, positive, score)]
            f.write("".join(lines))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=1_000_000)
    kinds = ["realistic", "realistic-multiclass", "binary1", "binary10", "multiclass", "plain"]
    parser.add_argument("--kind", default="binary1", choices=kinds)
    parser.add_argument("--weeks", type=int, default=2)
    args = parser.parse_args()
    root = os.path.join(args.out, "clients", "bench")
    write_client(root, args.kind)
    if args.weeks <= 2:
        for index, week in enumerate(["2026-W47", "2026-W48"][: args.weeks]):
            write_week(os.path.join(root, "weeks", week, "evaluations", "t", "s.csv"), args.kind, args.rows, 100 + index, 0.02 * index)
        return
    for index in range(args.weeks):
        path = os.path.join(root, "weeks", f"2026-W{index + 1:02d}", "evaluations", "t", "s.csv")
        if index < 2:
            write_week(path, args.kind, args.rows, 100 + index, 0.02 * index)
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            os.link(os.path.join(root, "weeks", f"2026-W{index % 2 + 1:02d}", "evaluations", "t", "s.csv"), path)


if __name__ == "__main__":
    main()
