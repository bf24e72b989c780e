#!/usr/bin/env python3
"""A workspace of many clients for batch timing: 2 tasks, 3 sets of 10,000 rows, 2 weeks each.

    python3 Benchmarks/generate_batch.py OUT --clients 1000

The twelve distinct evaluation files are written once and hard-linked into every client,
so a thousand clients cost seconds and little disk; each client still reads its own paths.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from generate import write_week  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    shared = os.path.join(args.out, "shared-files")
    weeks = ["2026-W47", "2026-W48"]
    tasks = {"failure": "binary1", "grade": "multiclass"}
    sets = ["holdout", "recent", "winter"]
    sources = {}
    for w, week in enumerate(weeks):
        for task, kind in tasks.items():
            for s, name in enumerate(sets):
                path = os.path.join(shared, week, task, name + ".csv")
                write_week(path, kind, args.rows, 1000 + 10 * w + s, 0.02 * w)
                sources[(week, task, name)] = path
    for number in range(args.clients):
        root = os.path.join(args.out, "clients", f"client-{number:04d}")
        os.makedirs(root, exist_ok=True)
        with open(os.path.join(root, "client.yaml"), "w") as f:
            f.write(f"name: Client {number}\ntasks:\n"
                    "  - id: failure\n    name: Failure\n    positive_label: failure\n    classes: [ok, failure]\n"
                    "  - id: grade\n    name: Grade\n    classes: [a, b, c, d, e]\n"
                    "validation_sets:\n"
                    "  - id: holdout\n    description: Test\n    role: test\n"
                    "  - id: recent\n    description: Recent\n    role: validation\n"
                    "  - id: winter\n    description: Winter\n    role: monitoring\n")
        for (week, task, name), source in sources.items():
            folder = os.path.join(root, "weeks", week, "evaluations", task)
            os.makedirs(folder, exist_ok=True)
            os.link(source, os.path.join(folder, name + ".csv"))


if __name__ == "__main__":
    main()
