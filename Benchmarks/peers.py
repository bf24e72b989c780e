#!/usr/bin/env python3
"""Candor's full report against the readers a data scientist would reach for, on the same file
in the same run: each command runs in its own process under /usr/bin/time -v, the commands take
turns (so all see the same load), and each row is the median of RUNS runs: wall, user and system
CPU, and the largest peak resident set. Python rows time the import and the read (a user pays
both); candor's row is the whole report (metrics, intervals, findings, HTML).

    peers.py CSV WORKSPACE CLIENT OUT [RUNS]

CSV is the predictions file (id,label,prediction,score as real exports look) that WORKSPACE's
CLIENT reads; OUT is where candor writes. Prints a Markdown table and the machine facts that
move it (cores, transparent huge pages)."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

csv, workspace, client, out = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
candor = os.environ.get("CANDOR", ".build/release/candor")


def python(code):
    return [sys.executable, "-c", code.replace("PATH", repr(csv))]


# DuckDB's row computes what a report's first line needs: the confusion counts.
COMMANDS = [
    ("`wc -l` (floor)", ["wc", "-l", csv]),
    ("pyarrow `csv.read_csv` (read only)", python("import pyarrow.csv as c; c.read_csv(PATH)")),
    (
        "DuckDB: confusion counts over `read_csv`",
        python(
            "import duckdb; duckdb.sql(\"select label, prediction, count(*) from read_csv(PATH) "
            "group by all\").fetchall()"
        ),
    ),
    ("pandas `read_csv`, default engine, pyarrow installed", python("import pandas as p; p.read_csv(PATH)")),
    ("pandas `read_csv(engine=\"pyarrow\")`", python("import pandas as p; p.read_csv(PATH, engine='pyarrow')")),
    ("polars `read_csv` (read only)", python("import polars as p; p.read_csv(PATH)")),
    ("**candor report** (full report)", [candor, "report", workspace, "--client", client, "--out", out]),
]


def once(command):
    with tempfile.NamedTemporaryFile("r") as log:
        subprocess.run(
            ["/usr/bin/time", "-v", "-o", log.name] + command,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        fields = {}
        for line in log:
            key, _, value = line.strip().rpartition(": ")
            fields[key] = value
    clock = [float(part) for part in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = sum(value * 60 ** (len(clock) - 1 - i) for i, value in enumerate(clock))
    return (wall, float(fields["User time (seconds)"]), float(fields["System time (seconds)"]),
            int(fields["Maximum resident set size (kbytes)"]) / 1024)


def read(path, default="?"):
    try:
        with open(path) as file:
            return file.read().strip()
    except OSError:
        return default


results = {name: [] for name, _ in COMMANDS}
for _ in range(runs):
    for name, command in COMMANDS:
        if command[0] == candor:
            # The week's first report: no image of it kept from the run before.
            shutil.rmtree(out, ignore_errors=True)
        results[name].append(once(command))

pandas = statistics.median(r[0] for r in results[COMMANDS[3][0]])
print(f"{os.cpu_count()} cores; transparent huge pages: enabled {read('/sys/kernel/mm/transparent_hugepage/enabled')}, "
      f"defrag {read('/sys/kernel/mm/transparent_hugepage/defrag')}; {os.path.getsize(csv) / 1e6:.0f} MB file; "
      f"medians of {runs} runs, taken in turns")
print()
print("| command | wall | user | system | peak | wall / pandas |")
print("| --- | --- | --- | --- | --- | --- |")
for name, _ in COMMANDS:
    rows = results[name]
    wall = statistics.median(r[0] for r in rows)
    user = statistics.median(r[1] for r in rows)
    system = statistics.median(r[2] for r in rows)
    peak = max(r[3] for r in rows)
    print(f"| {name} | {wall:.2f} s | {user:.2f} s | {system:.2f} s | {peak:,.0f} MB | {wall / pandas:.2f}x |")
