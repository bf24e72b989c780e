#!/usr/bin/env python3
"""Generate Candor's sample workspace, Samples/, deterministically.

Run from anywhere:

    python3 Scripts/make_samples.py            # writes <repo>/Samples/
    python3 Scripts/make_samples.py --out DIR  # writes DIR/ instead

Needs Python 3 and numpy (no PyYAML: the YAML is written as text). Each run
deletes and recreates <out>/clients/ and rewrites <out>/README.md. Two runs
give byte-identical files: every random draw comes from numpy's legacy
``RandomState`` (whose stream numpy keeps frozen across versions) seeded from
a fixed number and the names involved, nothing reads the clock, every
iteration is over sorted or fixed-order lists, and scores are written with
four decimals by Python's correctly rounded formatting.

The four clients (see Samples/README.md for what each one demonstrates):

* acme-motors  - an automaker; per-example predictions with ids, scores and
  segments; weeks 2026-W44, W45, W46 and W48 (W47 is missing on purpose).
  The same examples are re-scored every week, so changes can be paired.
  Story: a mediocre engine-failure model, noise-level changes in W45 and
  W46, then in W48 "Added brake-temperature features" lifts engine-failure
  recall by about ten points on every set, while recall of the rare brake-wear
  grade `critical` drops by several points (a side effect nobody planned).
* nordic-fleet - a fleet operator; a binary task scored without a prediction
  column (threshold 0.4 in client.yaml) and a multiclass task with undeclared
  classes, CRLF line endings and one file with a UTF-8 BOM.
* tiny-lake    - a client whose rows may not leave its data lake: only
  <set>.counts.json files, with a score histogram for the binary task.
* harbor-clinic - contract 1.1: a three-class triage model that writes one
  probability per class (class_scores, score_kind: probability, no
  prediction column) and a binary readmission model whose probabilities
  are too sure of themselves; probabilities written with up to 17
  significant digits, as pandas writes floats.

The script prints the true numbers of the story (per week and set) so that a
report can be checked against them.
"""

import argparse
import json
import math
import shutil
import sys
import zlib
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
CLIENT_IDS = ("acme-motors", "nordic-fleet", "tiny-lake", "harbor-clinic")
BASE_SEED = 20261130


# --------------------------------------------------------------------------
# Small deterministic helpers
# --------------------------------------------------------------------------

def rng(*parts):
    """A RandomState seeded from BASE_SEED and the given names (stable)."""
    key = "/".join(str(p) for p in parts).encode("utf-8")
    return np.random.RandomState((BASE_SEED + zlib.crc32(key)) % (2 ** 32))


def sigmoid(x):
    # Python's math, not numpy's vectorised exp, so the same bits everywhere.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def score_text(p):
    """A probability as written in the CSV (4 decimals) and as an integer
    in units of 1e-4, so thresholds are compared on what is written."""
    text = "%.4f" % p
    return text, int(text.replace(".", ""))


def csv_field(value):
    """RFC 4180: quote a field holding a comma, quote, CR or LF."""
    s = str(value)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write_csv(path, header, rows, newline="\n", bom=False):
    lines = [",".join(csv_field(h) for h in header)]
    lines += [",".join(csv_field(v) for v in row) for row in rows]
    data = (newline.join(lines) + newline).encode("utf-8")
    if bom:
        data = b"\xef\xbb\xbf" + data
    write_bytes(path, data)


def write_bytes(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_text(path, text):
    write_bytes(path, text.encode("utf-8"))


# --------------------------------------------------------------------------
# YAML, written by hand
# --------------------------------------------------------------------------

_YAML_PLAIN_UNSAFE_START = set("!&*{}[],#|>@`\"'%-?:")
_YAML_SPECIAL_WORDS = {"", "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def yq(value, flow=False):
    """A YAML scalar for text: plain where that reads back as the same text,
    double-quoted otherwise (': ' or ' #' inside, a leading indicator, a
    word YAML 1.1 would read as a boolean or null, a number, flow
    punctuation inside a [flow, list])."""
    if isinstance(value, dict):
        # Text per language (contract 1.2): {en: ..., de: ...}.
        return "{" + ", ".join("%s: %s" % (k, yq(v, flow=True)) for k, v in value.items()) + "}"
    s = str(value)
    needs = (
        s != s.strip()
        or s.lower() in _YAML_SPECIAL_WORDS
        or s[0] in _YAML_PLAIN_UNSAFE_START
        or ": " in s or s.endswith(":") or " #" in s
        or "\t" in s or "\n" in s or '"' in s or "\\" in s
        or (flow and any(c in s for c in ",[]{}"))
    )
    if not needs:
        try:
            float(s)
            needs = True
        except ValueError:
            pass
    if not needs:
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def yflow(values):
    return "[" + ", ".join(yq(v, flow=True) for v in values) + "]"


def client_yaml(name, tasks, sets, header_comment, contacts=None):
    out = ["# " + line if line else "#" for line in header_comment]
    out.append("name: " + yq(name))
    out.append("tasks:")
    for t in tasks:
        out.append("  - id: " + t["id"])
        for key in ("name", "positive_label", "primary_metric", "owner", "unit"):
            if key in t:
                out.append("    %s: %s" % (key, yq(t[key])))
        if "classes" in t:
            out.append("    classes: " + yflow(t["classes"]))
        if "class_names" in t:
            out.append("    class_names:")
            for k, v in t["class_names"].items():
                out.append("      %s: %s" % (yq(k), yq(v)))
        if "columns" in t:
            out.append("    columns: {" + ", ".join("%s: %s" % (k, yq(v, flow=True))
                                                  for k, v in t["columns"]) + "}")
        for key in ("class_scores", "score_kind"):
            if key in t:
                out.append("    %s: %s" % (key, yq(t[key])))
        if "threshold" in t:
            line = "    threshold: %s" % t["threshold"]
            if "threshold_comment" in t:
                line += "    # " + t["threshold_comment"]
            out.append(line)
    out.append("validation_sets:")
    for s in sets:
        out.append("  - id: " + s["id"])
        out.append("    description: " + yq(s["description"]))
        out.append("    role: " + s["role"])
    if contacts:
        out.append("contacts:")
        for key in ("to", "cc"):
            if key in contacts:
                out.append("  %s: %s" % (key, yflow(contacts[key])))
    return "\n".join(out) + "\n"


def worklog_yaml(items, comment=None):
    out = []
    if comment:
        out.append("# " + comment)
    out.append("items:")
    for it in items:
        out.append("  - title: " + yq(it["title"]))
        out.append("    horizon: " + it["horizon"])
        out.append("    status: " + it["status"])
        if "tasks" in it:
            out.append("    tasks: " + yflow(it["tasks"]))
        if "progress" in it:
            out.append("    progress: %d" % it["progress"])
        if "note" in it:
            out.append("    note: " + yq(it["note"]))
        if "expected" in it:
            out.append("    expected: " + yq(it["expected"]))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# counts.json, written by hand (rows of the matrix aligned, like the contract)
# --------------------------------------------------------------------------

def counts_json(labels, matrix, histogram=None):
    width = max(len(str(v)) for row in matrix for v in row)
    rows = ["[" + ", ".join(str(v).rjust(width) for v in row) + "]" for row in matrix]
    pad = " " * len('  "matrix": [')
    text = "{\n"
    text += '  "labels": [' + ", ".join(json.dumps(l) for l in labels) + "],\n"
    text += '  "matrix": [' + (",\n" + pad).join(rows) + "]"
    if histogram is not None:
        edges, pos, neg = histogram
        text += ',\n  "score_histogram": {\n'
        text += '    "edges": [' + ", ".join("%.1f" % e for e in edges) + "],\n"
        text += '    "positive": [' + ", ".join(str(v) for v in pos) + "],\n"
        text += '    "negative": [' + ", ".join(str(v) for v in neg) + "]\n"
        text += "  }"
    return text + "\n}\n"


# --------------------------------------------------------------------------
# Generic simulators
# --------------------------------------------------------------------------

def binary_population(seed_parts, n, n_pos, groups=None, group_probs=None, group_pos_weight=None):
    """Fixed examples of a stable validation set: label (1 = positive), a
    fixed latent difficulty z, a fixed per-example noise seed, and a group
    (segment) index. Exactly n_pos positives."""
    r = rng(*seed_parts, "population")
    if groups is not None:
        g = r.choice(len(groups), size=n, p=np.asarray(group_probs) / np.sum(group_probs))
        w = np.asarray([group_pos_weight[k] for k in g], dtype=float)
    else:
        g = np.zeros(n, dtype=int)
        w = np.ones(n)
    pos_idx = r.choice(n, size=n_pos, replace=False, p=w / w.sum())
    y = np.zeros(n, dtype=int)
    y[pos_idx] = 1
    z = r.normal(size=n)
    return {"y": y, "z": z, "g": g, "n": n}


def binary_scores(pop, seed_parts, m_pos, m_neg, s_pos, s_neg, tau, pos_group_shift=None,
                  neg_group_shift=None, target_tp=None, target_fp=None, threshold=5000):
    """One week's model scores for a population: logit = mean(label) +
    spread * z + tau * week noise (+ a per-segment shift). Returns the
    4-decimal texts and their integer values (units of 1e-4).

    With target_tp (target_fp), the mean logit of positives (negatives) is
    not m_pos (m_neg) but the value that makes exactly that many of them
    score at or above the threshold: the story's numbers are then exact,
    and a week's change moves all examples of a class together (the model
    got better or worse), on top of the small per-week noise."""
    r = rng(*seed_parts, "scores")
    eps = r.normal(size=pop["n"])
    base = []
    for i in range(pop["n"]):
        g = int(pop["g"][i])
        if pop["y"][i] == 1:
            b = s_pos * float(pop["z"][i]) + tau * float(eps[i])
            b += pos_group_shift[g] if pos_group_shift else 0.0
        else:
            b = s_neg * float(pop["z"][i]) + tau * float(eps[i])
            b += neg_group_shift[g] if neg_group_shift else 0.0
        base.append(b)
    # logit at which the written (rounded) score reaches the threshold
    t = (threshold - 0.5) / 10000.0
    boundary = math.log(t / (1.0 - t))

    def calibrated(label, target, default):
        if target is None:
            return default
        need = sorted(boundary - base[i] for i in range(pop["n"]) if pop["y"][i] == label)
        if target <= 0:
            return need[0] - 1.0
        if target >= len(need):
            return need[-1] + 1.0
        return (need[target - 1] + need[target]) / 2.0

    shift = {1: calibrated(1, target_tp, m_pos), 0: calibrated(0, target_fp, m_neg)}
    texts, ints = [], []
    for i in range(pop["n"]):
        t_, v = score_text(sigmoid(shift[int(pop["y"][i])] + base[i]))
        texts.append(t_)
        ints.append(v)
    for label, target in ((1, target_tp), (0, target_fp)):
        if target is not None:
            got = sum(1 for i in range(pop["n"]) if pop["y"][i] == label and ints[i] >= threshold)
            assert got == target, (seed_parts, label, got, target)
    return texts, ints


def multiclass_population(seed_parts, n, classes, probs):
    """Fixed examples: exact class counts from probs, a fixed latent u in
    [0, 1) (how easy the example is) and v (where its error goes)."""
    r = rng(*seed_parts, "population")
    counts = [int(round(n * p)) for p in probs]
    counts[0] += n - sum(counts)
    y = np.concatenate([np.full(c, k, dtype=int) for k, c in enumerate(counts)])
    r.shuffle(y)
    u = r.uniform(size=n)
    v = r.uniform(size=n)
    return {"y": y, "u": u, "v": v, "n": n, "classes": classes}


def multiclass_predictions(pop, seed_parts, recall, confusion_to, noise):
    """One week's predictions. Within class k, the round(recall[k] * n_k)
    examples with the smallest u_i + noise * week noise are predicted right
    (so the recall is exact and a week mostly re-uses last week's right
    answers); each other one goes to a wrong class chosen by its fixed v_i
    with the probabilities confusion_to[k]."""
    r = rng(*seed_parts, "predictions")
    eps = r.normal(size=pop["n"])
    pred = np.empty(pop["n"], dtype=int)
    for k in range(len(pop["classes"])):
        members = [i for i in range(pop["n"]) if pop["y"][i] == k]
        members.sort(key=lambda i: (float(pop["u"][i]) + noise * float(eps[i]), i))
        n_right = int(round(recall[k] * len(members)))
        for rank, i in enumerate(members):
            if rank < n_right:
                pred[i] = k
                continue
            acc, dest = 0.0, confusion_to[k][-1][0]
            for j, p in confusion_to[k]:
                acc += p
                if float(pop["v"][i]) < acc:
                    dest = j
                    break
            pred[i] = dest
    return pred


def confusion(y, pred, k):
    m = [[0] * k for _ in range(k)]
    for a, b in zip(y, pred):
        m[int(a)][int(b)] += 1
    return m


# --------------------------------------------------------------------------
# acme-motors
# --------------------------------------------------------------------------

ACME_WEEKS = ("2026-W44", "2026-W45", "2026-W46", "2026-W48")
ACME_SETS = (
    {"id": "holdout-2026q1", "role": "test",
     "description": {"en": "Frozen test set: engines from January to March 2026, never used for tuning",
                     "de": "Eingefrorener Testdatensatz: Motoren von Januar bis März 2026, nie zum Abstimmen verwendet"}},
    {"id": "recent", "role": "validation",
     "description": {"en": "Last four weeks of fleet data", "de": "Flottendaten der letzten vier Wochen"}},
    {"id": "winter", "role": "monitoring",
     "description": {"en": "Cold-weather subset, December to February", "de": "Kaltwetter-Teilmenge, Dezember bis Februar"}},
)
SEGMENTS = ("Model S-200", "Model T-400", "Van V-90", "Truck H-700, heavy duty")

# engine-failure: (rows, failures, id prefix, segment mix)
ENGINE_SETS = {
    "holdout-2026q1": (6000, 120, "E1", (0.40, 0.30, 0.20, 0.10)),
    "recent": (3000, 60, "E3", (0.38, 0.32, 0.20, 0.10)),
    "winter": (1500, 36, "E5", (0.30, 0.25, 0.30, 0.15)),
}
# failures are more common in vans and trucks; vans are the weakest segment.
SEG_POS_WEIGHT = (1.0, 1.0, 2.0, 1.3)
SEG_POS_SHIFT = (0.25, 0.10, -0.70, 0.05)
SEG_NEG_SHIFT = (0.0, 0.0, 0.15, 0.10)
ENGINE_SPREAD_POS, ENGINE_SPREAD_NEG, ENGINE_TAU = 1.6, 1.25, 0.22
# The story, exactly: (true positives, false positives) per set and week.
# W45 and W46 move by noise; W48 (brake-temperature features) gains about
# ten points of recall on every set, with slightly fewer false alarms.
ENGINE_TARGETS = {
    "holdout-2026q1": {"2026-W44": (66, 46), "2026-W45": (67, 44), "2026-W46": (65, 47), "2026-W48": (85, 43)},
    "recent": {"2026-W44": (33, 22), "2026-W45": (34, 21), "2026-W46": (33, 23), "2026-W48": (43, 20)},
    "winter": {"2026-W44": (19, 13), "2026-W45": (18, 12), "2026-W46": (19, 13), "2026-W48": (25, 12)},
}

# brake-wear: (rows, id prefix, class shares ok/worn/critical)
BRAKE_SETS = {
    "holdout-2026q1": (4000, "B1", (0.70, 0.26, 0.04)),
    "recent": (2000, "B3", (0.71, 0.25, 0.04)),
    "winter": (1200, "B5", (0.66, 0.29, 0.05)),
}
BRAKE_CLASSES = ("ok", "worn", "critical")
# recall of ok and worn each week (the same on every set)
BRAKE_RECALL = {"2026-W44": (0.930, 0.800), "2026-W45": (0.932, 0.805),
                "2026-W46": (0.929, 0.802), "2026-W48": (0.930, 0.795)}
# pads graded critical that the model also grades critical, per set and week
# (of 160, 80 and 60): W48 loses several points, a side effect of the new features
BRAKE_CRITICAL_RIGHT = {
    "holdout-2026q1": {"2026-W44": 128, "2026-W45": 127, "2026-W46": 129, "2026-W48": 112},
    "recent": {"2026-W44": 64, "2026-W45": 63, "2026-W46": 64, "2026-W48": 56},
    "winter": {"2026-W44": 48, "2026-W45": 47, "2026-W46": 48, "2026-W48": 43},
}
BRAKE_CONFUSION = {0: [(1, 0.95), (2, 0.05)], 1: [(0, 0.70), (2, 0.30)], 2: [(1, 0.85), (0, 0.15)]}
BRAKE_NOISE = 0.02

ACME_WORKLOGS = {
    "2026-W45": [
        {"title": "Brake-temperature features", "horizon": "short-term", "status": "planned",
         "tasks": ["engine-failure"],
         "note": "Brake-controller temperatures are now in the lake; should help spot overheating engines"},
        {"title": "Re-tune decision threshold on recent data", "horizon": "short-term",
         "status": "in-progress", "tasks": ["engine-failure"]},
        {"title": "Labelling pipeline for rare failure codes", "horizon": "long-term",
         "status": "in-progress", "progress": 15,
         "expected": "Doubles labelled failures by February; recall on rare codes should follow"},
    ],
    "2026-W46": [
        {"title": "Brake-temperature features", "horizon": "short-term", "status": "in-progress",
         "tasks": ["engine-failure"], "note": "Feature pipeline built; training the new model"},
        {"title": "Re-tune decision threshold on recent data", "horizon": "short-term",
         "status": "in-progress", "tasks": ["engine-failure"],
         "note": "Waiting for the new features before choosing a threshold"},
        {"title": "Labelling pipeline for rare failure codes", "horizon": "long-term",
         "status": "in-progress", "progress": 25,
         "expected": "Doubles labelled failures by February; recall on rare codes should follow"},
    ],
    "2026-W48": [
        {"title": {"en": "Added brake-temperature features", "de": "Bremstemperatur-Merkmale hinzugefügt"},
         "horizon": "short-term", "status": "shipped", "tasks": ["engine-failure"],
         "note": {"en": "In the model scored this week; recall on all sets expected to rise by several points",
                  "de": "Im diese Woche bewerteten Modell enthalten; die Trefferquote soll auf allen Datensätzen um mehrere Punkte steigen"}},
        {"title": {"en": "Re-tune decision threshold on recent data", "de": "Entscheidungsschwelle auf aktuellen Daten neu abstimmen"},
         "horizon": "short-term", "status": "dropped", "tasks": ["engine-failure"],
         "note": {"en": "Dropped: the new features moved recall more than any threshold change would; threshold stays at 0.5",
                  "de": "Verworfen: Die neuen Merkmale bewegten die Trefferquote stärker, als es eine neue Schwelle könnte; die Schwelle bleibt bei 0,5"}},
        {"title": {"en": "Labelling pipeline for rare failure codes", "de": "Annotations-Pipeline für seltene Fehlercodes"},
         "horizon": "long-term", "status": "in-progress", "progress": 40,
         "expected": {"en": "Doubles labelled failures by February; recall on rare codes should follow",
                      "de": "Verdoppelt die annotierten Ausfälle bis Februar; die Trefferquote bei seltenen Codes sollte folgen"}},
        {"title": {"en": "Workshop re-grading of critical brake pads", "de": "Nachbewertung kritischer Bremsbeläge in der Werkstatt"},
         "horizon": "long-term", "status": "planned", "tasks": ["brake-wear"],
         "expected": {"en": "Cleaner labels for grade #3 (critical) by March; fewer critical pads graded worn",
                      "de": "Sauberere Labels für Stufe 3 (kritisch) bis März; weniger kritische Beläge als abgenutzt eingestuft"}},
    ],
}


def make_acme(root, story):
    cdir = root / "clients" / "acme-motors"
    tasks = [
        {"id": "engine-failure",
         "name": {"en": "Engine failure within 30 days", "de": "Motorausfall innerhalb von 30 Tagen"},
         "positive_label": "failure", "primary_metric": "recall", "owner": "Data science, powertrain",
         "unit": {"en": "engines", "de": "Motoren"},
         "classes": ["no-failure", "failure"],
         "class_names": {"no-failure": {"en": "no-failure", "de": "kein Ausfall"},
                         "failure": {"en": "failure", "de": "Ausfall"}}},
        {"id": "brake-wear", "name": {"en": "Brake pad wear grade", "de": "Verschleißstufe der Bremsbeläge"},
         "owner": "Data science, chassis", "unit": {"en": "brake pads", "de": "Bremsbeläge"},
         "classes": list(BRAKE_CLASSES),
         "class_names": {"ok": {"en": "ok", "de": "in Ordnung"}, "worn": {"en": "worn", "de": "abgenutzt"},
                         "critical": {"en": "critical", "de": "kritisch"}}},
    ]
    write_text(cdir / "client.yaml", client_yaml(
        "Acme Motors", tasks, ACME_SETS,
        ["Sample client generated by Scripts/make_samples.py; do not edit by hand.",
         "An automaker: per-example predictions, the same examples re-scored every week."],
        contacts={"to": ["Dana Müller <dana.mueller@acme-motors.example>"],
                  "cc": ["quality@acme-motors.example"]}))

    # engine-failure
    ef = story.setdefault("acme-motors/engine-failure", {})
    for set_id in sorted(ENGINE_SETS):
        n, n_pos, prefix, mix = ENGINE_SETS[set_id]
        pop = binary_population(("acme", "engine-failure", set_id), n, n_pos,
                                groups=SEGMENTS, group_probs=mix, group_pos_weight=SEG_POS_WEIGHT)
        ids = ["%s%05d" % (prefix, i + 1) for i in range(n)]
        prev_correct = None
        for week in ACME_WEEKS:
            target_tp, target_fp = ENGINE_TARGETS[set_id][week]
            texts, ints = binary_scores(
                pop, ("acme", "engine-failure", set_id, week),
                None, None, ENGINE_SPREAD_POS, ENGINE_SPREAD_NEG,
                ENGINE_TAU, pos_group_shift=SEG_POS_SHIFT, neg_group_shift=SEG_NEG_SHIFT,
                target_tp=target_tp, target_fp=target_fp)
            rows, tp, fn, fp = [], 0, 0, 0
            correct_pos = []
            for i in range(n):
                label = "failure" if pop["y"][i] else "no-failure"
                pred_pos = ints[i] >= 5000
                pred = "failure" if pred_pos else "no-failure"
                if pop["y"][i]:
                    tp += pred_pos
                    fn += not pred_pos
                    correct_pos.append(pred_pos)
                else:
                    fp += pred_pos
                rows.append((ids[i], SEGMENTS[pop["g"][i]], texts[i], label, pred))
            write_csv(cdir / "weeks" / week / "evaluations" / "engine-failure" / (set_id + ".csv"),
                      ("id", "segment", "score", "label", "prediction"), rows)
            flips = None
            if prev_correct is not None:
                gained = sum(1 for a, b in zip(prev_correct, correct_pos) if b and not a)
                lost = sum(1 for a, b in zip(prev_correct, correct_pos) if a and not b)
                flips = (gained, lost)
            prev_correct = correct_pos
            seg = {}
            for s_idx, s_name in enumerate(SEGMENTS):
                pos = [i for i in range(n) if pop["g"][i] == s_idx and pop["y"][i]]
                seg[s_name] = (len(pos), sum(1 for i in pos if ints[i] >= 5000))
            ef.setdefault(set_id, {})[week] = {
                "rows": n, "positives": n_pos, "TP": tp, "FN": fn, "FP": fp,
                "TN": n - n_pos - fp, "recall": tp / n_pos, "precision": tp / (tp + fp) if tp + fp else None,
                "positives_gained_lost_vs_prev": flips, "segments_pos_tp": seg}

    # brake-wear
    bw = story.setdefault("acme-motors/brake-wear", {})
    for set_id in sorted(BRAKE_SETS):
        n, prefix, shares = BRAKE_SETS[set_id]
        pop = multiclass_population(("acme", "brake-wear", set_id), n, BRAKE_CLASSES, shares)
        ids = ["%s%05d" % (prefix, i + 1) for i in range(n)]
        prev = None
        for week in ACME_WEEKS:
            n_crit = int(sum(1 for k in pop["y"] if k == 2))
            recall = BRAKE_RECALL[week] + (BRAKE_CRITICAL_RIGHT[set_id][week] / n_crit,)
            pred = multiclass_predictions(pop, ("acme", "brake-wear", set_id, week),
                                          recall, BRAKE_CONFUSION, BRAKE_NOISE)
            rows = [(ids[i], BRAKE_CLASSES[pop["y"][i]], BRAKE_CLASSES[pred[i]]) for i in range(n)]
            write_csv(cdir / "weeks" / week / "evaluations" / "brake-wear" / (set_id + ".csv"),
                      ("id", "label", "prediction"), rows)
            m = confusion(pop["y"], pred, 3)
            crit = [i for i in range(n) if pop["y"][i] == 2]
            right = [pred[i] == 2 for i in crit]
            flips = None
            if prev is not None:
                flips = (sum(1 for i in crit if pred[i] == 2 and prev[i] != 2),
                         sum(1 for i in crit if pred[i] != 2 and prev[i] == 2))
            prev = pred
            bw.setdefault(set_id, {})[week] = {
                "rows": n, "class_counts": [sum(r) for r in m], "matrix": m,
                "critical_recall": sum(right) / len(crit),
                "critical_gained_lost_vs_prev": flips,
                "accuracy": sum(m[k][k] for k in range(3)) / n,
                "per_class_recall": [m[k][k] / sum(m[k]) for k in range(3)]}

    for week in sorted(ACME_WORKLOGS):
        write_text(cdir / "weeks" / week / "worklog.yaml", worklog_yaml(ACME_WORKLOGS[week]))


# --------------------------------------------------------------------------
# nordic-fleet
# --------------------------------------------------------------------------

NORDIC_WEEKS = ("2026-W45", "2026-W46", "2026-W47", "2026-W48")
NORDIC_SETS = (
    {"id": "test-2026", "role": "test", "description": "Held-out deliveries from 2026, scored every week"},
    {"id": "validation", "role": "validation", "description": "Deliveries used to choose the model and its threshold"},
)
DEPOTS = ("Oslo", "Bergen", "Trondheim", "Tromsø")
LATE_SETS = {"test-2026": (2400, 840, "S1"), "validation": (1600, 576, "S2")}
LATE_WEEK = {  # mean logits of late / on-time deliveries: noise-level changes only
    "2026-W45": (0.55, -1.35), "2026-W46": (0.57, -1.33),
    "2026-W47": (0.54, -1.36), "2026-W48": (0.58, -1.34),
}
LATE_THRESHOLD = 4000  # 0.4 in units of 1e-4
ROUTE_CLASSES = ("urban", "highway", "mixed", "rural")
ROUTE_SETS = {"test-2026": (2000, "R1", (0.40, 0.25, 0.27, 0.08)),
              "validation": (1200, "R2", (0.41, 0.24, 0.27, 0.08))}
ROUTE_RECALL = {
    "2026-W45": (0.88, 0.86, 0.70, 0.62), "2026-W46": (0.885, 0.855, 0.705, 0.63),
    "2026-W47": (0.88, 0.86, 0.71, 0.61), "2026-W48": (0.875, 0.86, 0.70, 0.625),
}
ROUTE_CONFUSION = {0: [(2, 0.85), (1, 0.15)], 1: [(2, 0.60), (3, 0.40)],
                   2: [(0, 0.55), (1, 0.30), (3, 0.15)], 3: [(2, 0.60), (1, 0.40)]}
NORDIC_WORKLOGS = {
    "2026-W47": [
        {"title": "Weather feed for northern depots", "horizon": "short-term", "status": "in-progress",
         "tasks": ["late-delivery"], "note": "Snow and wind forecasts for Tromsø and Trondheim routes"},
        {"title": "Route-type taxonomy review with dispatch", "horizon": "long-term", "status": "planned",
         "tasks": ["route-type"],
         "expected": "One agreed definition of mixed routes by January; fewer urban/mixed mix-ups"},
    ],
    "2026-W48": [
        {"title": "Weather feed for northern depots", "horizon": "short-term", "status": "shipped",
         "tasks": ["late-delivery"],
         "note": "Live since Monday; little snow yet, so no change expected before December"},
        {"title": "Re-calibrate late-delivery scores", "horizon": "short-term", "status": "planned",
         "tasks": ["late-delivery"]},
        {"title": "Route-type taxonomy review with dispatch", "horizon": "long-term",
         "status": "in-progress", "tasks": ["route-type"], "progress": 10,
         "expected": "One agreed definition of mixed routes by January; fewer urban/mixed mix-ups"},
    ],
}


def make_nordic(root, story):
    cdir = root / "clients" / "nordic-fleet"
    tasks = [
        {"id": "late-delivery", "name": "Delivery later than promised", "positive_label": "late",
         "primary_metric": "f1", "owner": "Analytics team", "threshold": 0.4, "unit": "deliveries",
         "threshold_comment": "dispatch calls ahead from a 40% risk"},
        {"id": "route-type", "name": "Route type", "primary_metric": "macro_f1", "owner": "Analytics team", "unit": "routes"},
    ]
    write_text(cdir / "client.yaml", client_yaml(
        "Nordic Fleet Services", tasks, NORDIC_SETS,
        ["Sample client generated by Scripts/make_samples.py; do not edit by hand.",
         "A fleet operator: scores without a prediction column, classes left to be inferred."],
        contacts={"to": ['"Operations, Nordic Fleet" <ops@nordic-fleet.example>']}))

    ld = story.setdefault("nordic-fleet/late-delivery", {})
    for set_id in sorted(LATE_SETS):
        n, n_pos, prefix = LATE_SETS[set_id]
        pop = binary_population(("nordic", "late-delivery", set_id), n, n_pos)
        depot = rng("nordic", "late-delivery", set_id, "depot").choice(len(DEPOTS), size=n,
                                                                      p=(0.45, 0.25, 0.2, 0.1))
        ids = ["%s%05d" % (prefix, i + 1) for i in range(n)]
        for week in NORDIC_WEEKS:
            m_pos, m_neg = LATE_WEEK[week]
            texts, ints = binary_scores(pop, ("nordic", "late-delivery", set_id, week),
                                        m_pos, m_neg, 1.3, 1.3, 0.25)
            if set_id == "test-2026" and week == "2026-W48":
                # one score exactly at the threshold: it counts as a positive prediction
                i0 = int(np.argmin([abs(v - LATE_THRESHOLD) for v in ints]))
                texts[i0], ints[i0] = "0.4000", LATE_THRESHOLD
            # this client's pipeline exports rows in no particular order
            order = rng("nordic", "late-delivery", set_id, week, "order").permutation(n)
            rows = [(ids[i], "late" if pop["y"][i] else "on-time", texts[i], DEPOTS[depot[i]])
                    for i in order]
            write_csv(cdir / "weeks" / week / "evaluations" / "late-delivery" / (set_id + ".csv"),
                      ("id", "label", "score", "depot"), rows)
            tp = sum(1 for i in range(n) if pop["y"][i] and ints[i] >= LATE_THRESHOLD)
            fp = sum(1 for i in range(n) if not pop["y"][i] and ints[i] >= LATE_THRESHOLD)
            ld.setdefault(set_id, {})[week] = {"rows": n, "positives": n_pos, "TP": tp,
                                               "FN": n_pos - tp, "FP": fp, "recall": tp / n_pos,
                                               "precision": tp / (tp + fp)}

    rt = story.setdefault("nordic-fleet/route-type", {})
    for set_id in sorted(ROUTE_SETS):
        n, prefix, shares = ROUTE_SETS[set_id]
        pop = multiclass_population(("nordic", "route-type", set_id), n, ROUTE_CLASSES, shares)
        ids = ["%s%05d" % (prefix, i + 1) for i in range(n)]
        for week in NORDIC_WEEKS:
            pred = multiclass_predictions(pop, ("nordic", "route-type", set_id, week),
                                          ROUTE_RECALL[week], ROUTE_CONFUSION, 0.02)
            rows = [(ids[i], ROUTE_CLASSES[pop["y"][i]], ROUTE_CLASSES[pred[i]]) for i in range(n)]
            bom = (set_id == "validation" and week == "2026-W48")
            write_csv(cdir / "weeks" / week / "evaluations" / "route-type" / (set_id + ".csv"),
                      ("id", "label", "prediction"), rows, newline="\r\n", bom=bom)
            m = confusion(pop["y"], pred, 4)
            rt.setdefault(set_id, {})[week] = {
                "rows": n, "class_counts": dict(zip(ROUTE_CLASSES, (sum(r) for r in m))),
                "accuracy": sum(m[k][k] for k in range(4)) / n,
                "per_class_recall": dict(zip(ROUTE_CLASSES, (m[k][k] / sum(m[k]) for k in range(4))))}

    for week in sorted(NORDIC_WORKLOGS):
        write_text(cdir / "weeks" / week / "worklog.yaml", worklog_yaml(NORDIC_WORKLOGS[week]))


# --------------------------------------------------------------------------
# tiny-lake (counts only)
# --------------------------------------------------------------------------

TINY_WEEKS = ("2026-W46", "2026-W47", "2026-W48", "2026-W49")
TINY_SETS = (
    {"id": "audit-2025", "role": "test", "description": "Claims audited by hand in 2025"},
    {"id": "live", "role": "monitoring", "description": "This week's claims, labelled after review"},
)
FRAUD_WEEK = {"2026-W46": (0.75, -3.30), "2026-W47": (0.78, -3.32),
              "2026-W48": (0.74, -3.28), "2026-W49": (0.77, -3.31)}
# live: a new sample of claims every week (rows, frauds); fraud rises in W49
FRAUD_LIVE = {"2026-W46": (5120, 99), "2026-W47": (4870, 102),
              "2026-W48": (5035, 96), "2026-W49": (4960, 149)}
CATEGORY_CLASSES = ("vehicle", "property", "injury")
CATEGORY_RECALL = {"2026-W46": (0.92, 0.85, 0.74), "2026-W47": (0.915, 0.855, 0.75),
                   "2026-W48": (0.92, 0.85, 0.745), "2026-W49": (0.92, 0.85, 0.74)}
CATEGORY_CONFUSION = {0: [(1, 0.70), (2, 0.30)], 1: [(0, 0.80), (2, 0.20)], 2: [(0, 0.65), (1, 0.35)]}
CATEGORY_LIVE_ROWS = {"2026-W46": 5120, "2026-W47": 4870, "2026-W48": 5035, "2026-W49": 4960}


def make_tiny(root, story):
    cdir = root / "clients" / "tiny-lake"
    tasks = [
        {"id": "fraud-claim", "name": "Fraudulent insurance claim", "positive_label": "fraud",
         "primary_metric": "recall", "owner": "Claims analytics", "classes": ["legit", "fraud"], "unit": "claims"},
        {"id": "claim-category", "name": "Claim category", "owner": "Claims analytics", "unit": "claims",
         "classes": list(CATEGORY_CLASSES)},
    ]
    write_text(cdir / "client.yaml", client_yaml(
        "Tiny Lake Logistics", tasks, TINY_SETS,
        ["Sample client generated by Scripts/make_samples.py; do not edit by hand.",
         "Raw rows never leave this client's lake: only aggregated counts are handed over."],
        contacts={"to": ["claims-analytics@tiny-lake.example"]}))

    edges = [k / 10 for k in range(11)]
    fc = story.setdefault("tiny-lake/fraud-claim", {})
    audit = binary_population(("tiny", "fraud-claim", "audit-2025"), 5000, 104)
    for week in TINY_WEEKS:
        m_pos, m_neg = FRAUD_WEEK[week]
        for set_id in ("audit-2025", "live"):
            if set_id == "audit-2025":
                pop = audit
            else:
                n, n_pos = FRAUD_LIVE[week]
                pop = binary_population(("tiny", "fraud-claim", "live", week), n, n_pos)
            _, ints = binary_scores(pop, ("tiny", "fraud-claim", set_id, week),
                                    m_pos, m_neg, 1.5, 1.2, 0.25)
            matrix = [[0, 0], [0, 0]]
            hist = {0: [0] * 10, 1: [0] * 10}
            for y, v in zip(pop["y"], ints):
                matrix[int(y)][1 if v >= 5000 else 0] += 1
                hist[int(y)][min(v // 1000, 9)] += 1
            # consistency: the histogram agrees with the matrix at threshold 0.5
            assert sum(hist[1]) == sum(matrix[1]) and sum(hist[0]) == sum(matrix[0])
            assert sum(hist[1][5:]) == matrix[1][1] and sum(hist[0][5:]) == matrix[0][1]
            write_text(cdir / "weeks" / week / "evaluations" / "fraud-claim" / (set_id + ".counts.json"),
                       counts_json(["legit", "fraud"], matrix, (edges, hist[1], hist[0])))
            fc.setdefault(set_id, {})[week] = {"matrix": matrix, "frauds": sum(matrix[1]),
                                               "recall": matrix[1][1] / sum(matrix[1])}

    cc = story.setdefault("tiny-lake/claim-category", {})
    audit = multiclass_population(("tiny", "claim-category", "audit-2025"), 5000, CATEGORY_CLASSES,
                                  (0.55, 0.35, 0.10))
    for week in TINY_WEEKS:
        for set_id in ("audit-2025", "live"):
            if set_id == "audit-2025":
                pop = audit
            else:
                pop = multiclass_population(("tiny", "claim-category", "live", week),
                                            CATEGORY_LIVE_ROWS[week], CATEGORY_CLASSES, (0.56, 0.33, 0.11))
            pred = multiclass_predictions(pop, ("tiny", "claim-category", set_id, week),
                                          CATEGORY_RECALL[week], CATEGORY_CONFUSION, 0.02)
            matrix = confusion(pop["y"], pred, 3)
            write_text(cdir / "weeks" / week / "evaluations" / "claim-category" / (set_id + ".counts.json"),
                       counts_json(list(CATEGORY_CLASSES), matrix))
            cc.setdefault(set_id, {})[week] = {"matrix": matrix}


# --------------------------------------------------------------------------

# --------------------------------------------------------------------------
# harbor-clinic (class scores and probabilities, contract 1.1)
# --------------------------------------------------------------------------

HARBOR_WEEKS = ("2026-W47", "2026-W48")
HARBOR_SETS = (
    {"id": "holdout-2026", "role": "test",
     "description": "Frozen test set, 1,600 emergency visits from the first half of 2026"},
    {"id": "recent", "role": "monitoring", "description": "Last week's visits, followed up"},
)
TRIAGE_CLASSES = ("routine", "urgent", "emergency")
TRIAGE_SHARES = (0.62, 0.28, 0.10)
# (rows, id prefix) per set; the holdout keeps its patients, recent is new every week
HARBOR_ROWS = {"holdout-2026": (1600, "HV-26-"), "recent": (700, "RV-%s-")}
# per week: logit noise of the triage model (smaller = sharper), and how far the readmission
# model exaggerates its risks (1 = calibrated; above 1 = too sure of itself)
TRIAGE_NOISE = {"2026-W47": 0.6, "2026-W48": 0.15}
READMIT_STRETCH = {"2026-W47": 1.6, "2026-W48": 1.7}


def softmax(z):
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    return [v / total for v in e]


def make_harbor(root, story):
    """A hospital's emergency department: a three-class triage model that writes one
    probability per class (no prediction column), and a readmission model whose probabilities
    are too sure of themselves. Probabilities are written as Python writes floats (up to 17
    significant digits), as a pandas export would."""
    cdir = root / "clients" / "harbor-clinic"
    tasks = [
        {"id": "triage-level", "name": "Triage level at arrival", "owner": "Clinical AI group",
         "unit": "visits", "classes": TRIAGE_CLASSES, "columns": (("id", "visit_id"),),
         "class_scores": "proba_{class}",
         "score_kind": "probability", "primary_metric": "macro_recall"},
        {"id": "readmission", "name": "Readmission within 30 days",
         "positive_label": "readmitted", "classes": ("home", "readmitted"),
         "owner": "Clinical AI group", "unit": "patients",
         "columns": (("score", "p_readmitted"), ("id", "visit_id")),
         "score_kind": "probability"},
    ]
    write_text(cdir / "client.yaml", client_yaml(
        "Harbor Clinic", tasks, HARBOR_SETS,
        ["Sample client generated by Scripts/make_samples.py; do not edit by hand.",
         "Contract 1.1: one probability column per class, and probabilities to calibrate."],
        contacts={"to": ["ed-analytics@harbor-clinic.example"]}))
    tr = story.setdefault("harbor-clinic/triage-level", {})
    ra = story.setdefault("harbor-clinic/readmission", {})
    for set_id in sorted(HARBOR_ROWS):
        n, prefix = HARBOR_ROWS[set_id]
        for week in HARBOR_WEEKS:
            # the holdout's patients are the same every week; recent ones are new
            pop_key = ("harbor", set_id) if set_id == "holdout-2026" else ("harbor", set_id, week)
            r = rng(*pop_key, "population")
            ids = [(prefix % week[-2:] if "%" in prefix else prefix) + "%05d" % (i + 1)
                   for i in range(n)]
            # triage: each visit's true class probabilities, then the class drawn from them
            base = [math.log(s) for s in TRIAGE_SHARES]
            latent = [[base[k] + 1.7 * r.normal() for k in range(3)] for _ in range(n)]
            truth = [softmax(z) for z in latent]
            labels = [int(r.choice(3, p=q)) for q in truth]
            noise = rng(*pop_key, week, "triage-model")
            rows = []
            right = 0
            for i in range(n):
                z = [latent[i][k] + TRIAGE_NOISE[week] * noise.normal() for k in range(3)]
                p = softmax(z)
                right += max(range(3), key=lambda k: (p[k], -k)) == labels[i]
                rows.append([ids[i], TRIAGE_CLASSES[labels[i]]] + [repr(v) for v in p])
            write_csv(cdir / "weeks" / week / "evaluations" / "triage-level" / (set_id + ".csv"),
                      ["visit_id", "label"] + ["proba_" + c for c in TRIAGE_CLASSES], rows)
            tr.setdefault(set_id, {})[week] = {"rows": n, "accuracy": right / n}
            # readmission: a true risk, the outcome drawn from it, a model that stretches it
            risk = [sigmoid(-1.4 + 1.1 * r.normal()) for _ in range(n)]
            outcome = [bool(r.uniform() < q) for q in risk]
            model = rng(*pop_key, week, "readmission-model")
            rows = []
            for i in range(n):
                logit = math.log(risk[i] / (1 - risk[i]))
                p = sigmoid(READMIT_STRETCH[week] * logit + 0.8 + 0.3 * model.normal())
                rows.append((ids[i], "readmitted" if outcome[i] else "home", repr(p)))
            write_csv(cdir / "weeks" / week / "evaluations" / "readmission" / (set_id + ".csv"),
                      ("visit_id", "label", "p_readmitted"), rows)
            ra.setdefault(set_id, {})[week] = {"rows": n, "readmitted": sum(outcome)}


README = """\
# Sample workspace

Generated by `python3 Scripts/make_samples.py` (Python 3 and numpy); do not edit by
hand. The script deletes and recreates `clients/` and is deterministic: two runs write
byte-identical files. Try it with

    candor report Samples --client acme-motors

## Clients

- **acme-motors** (Acme Motors, an automaker). Per-example predictions with `id`, `score`,
  `prediction` and a `segment` (vehicle model; one name, `Truck H-700, heavy duty`, holds a
  comma and is quoted), columns in the order `id,segment,score,label,prediction`. Weeks
  2026-W44, W45, W46 and W48: W47 is missing, so W48 is compared with W46. Three sets (test,
  validation, monitoring) hold the same examples every week, re-scored by that week's model,
  so changes can be tested pairwise. `engine-failure` is rare (about 1.2% failures) and
  recall is mediocre (about 0.55) until W48, when "Added brake-temperature features" lifts it
  by about ten points on every set; the same week, recall of the rare brake-wear grade
  `critical` drops by several points, which nobody planned. Worklogs in W45, W46 and W48
  (none in W44), with shipped, dropped, in-progress and planned items.
- **nordic-fleet** (Nordic Fleet Services, a fleet operator). `late-delivery` has a `score`
  and no `prediction` column, and client.yaml sets `threshold: 0.4` (one W48 score is exactly
  `0.4000`, which counts as late); its rows come in a different order every week and carry an
  extra `depot` column that is ignored. `route-type` declares no classes (they are read from
  the files), its files use CRLF line endings and one (W48, `validation`) starts with a UTF-8
  BOM. Changes week to week are noise. Worklogs in W47 and W48 only.
- **tiny-lake** (Tiny Lake Logistics), whose rows may not leave its lake: only
  `<set>.counts.json` files. `fraud-claim` (about 2% fraud) carries a 10-bin score histogram
  consistent with its matrix at threshold 0.5; the `live` set is a new sample every week and
  its fraud share rises in W49. `claim-category` has three classes and no histogram. Weeks
  2026-W46 to W49; no worklog at all.
- **harbor-clinic** (Harbor Clinic, a hospital's emergency department; contract 1.1). Weeks
  2026-W47 and W48. `triage-level` has three declared classes and no `prediction` column: one
  probability per class (`class_scores: "proba_{class}"`, `score_kind: probability`), so its
  report adds ROC AUC over classes, top-2 accuracy, Brier score, log loss and a reliability
  diagram; the probabilities are honest (the true class is drawn from them). `readmission` is
  binary, its file's columns are mapped (`columns: {score: p_readmitted, id: visit_id}`), and
  its probabilities are too sure of themselves, which the reliability diagram shows. The
  holdout keeps its visits every week (paired changes); `recent` is new every week. Numbers
  are written as Python writes floats, up to 17 significant digits.

Each client.yaml lists `contacts:` (who receives `candor email`; the acme-motors name has an
umlaut, the nordic-fleet name a comma), and `candor.yaml` names the sender.
"""


CANDOR_YAML = """\
# The sender of every client's weekly email (candor email, candor batch --send).
from: Candor Reports <reports@candor.example>
reply_to: Model Quality Team <quality-team@candor.example>
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "Samples",
                    help="workspace folder to (re)write (default: <repo>/Samples)")
    ap.add_argument("--story", action="store_true", help="print the true numbers as JSON")
    args = ap.parse_args()
    root = args.out.resolve()
    clients = root / "clients"
    if clients.exists():
        unexpected = sorted(p.name for p in clients.iterdir() if p.name not in CLIENT_IDS)
        if unexpected:
            sys.exit("refusing to delete %s: it holds %s, which this script did not write"
                     % (clients, ", ".join(unexpected)))
        shutil.rmtree(clients)
    story = {}
    make_acme(root, story)
    make_nordic(root, story)
    make_tiny(root, story)
    make_harbor(root, story)
    write_text(root / "README.md", README)
    write_text(root / "candor.yaml", CANDOR_YAML)
    if args.story:
        print(json.dumps(story, indent=1, sort_keys=True))
    else:
        for set_id, weeks in sorted(story["acme-motors/engine-failure"].items()):
            for week, s in weeks.items():
                print("engine-failure %-15s %s  pos %3d  TP %3d  FN %3d  FP %3d  recall %.3f  flips(+,-) %s"
                      % (set_id, week, s["positives"], s["TP"], s["FN"], s["FP"], s["recall"],
                         s["positives_gained_lost_vs_prev"]))
        for set_id, weeks in sorted(story["acme-motors/brake-wear"].items()):
            for week, s in weeks.items():
                print("brake-wear     %-15s %s  critical %3d  recall(critical) %.3f  flips(+,-) %s"
                      % (set_id, week, s["class_counts"][2], s["critical_recall"],
                         s["critical_gained_lost_vs_prev"]))
        print("wrote", root)


if __name__ == "__main__":
    main()
