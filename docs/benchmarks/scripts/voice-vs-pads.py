#!/usr/bin/env python3
"""The voice tag on a synthetic corpus, clip by clip: the median voice score of clips with a voice
(programs 52-54), of clips without one where a synth pad (88-95) plays, and of clips with neither;
and the voice tag's ROC-AUC when only the clips whose voice part has a given role are ranked
against every clip without a voice.

Usage (from the repository root):
  ./tagger evaluate --model models/default --data ROOT --split all --json e.json --clip-scores scores.tsv
  python3 docs/benchmarks/scripts/voice-vs-pads.py scores.tsv ROOT/corpus_plan.tsv
Section 7 of ../2026-12-05-generalisation.md gives its output for tagger-synth 4."""
import csv
import statistics
import sys
from collections import defaultdict

scores = {r["clip_id"]: r for r in csv.DictReader(open(sys.argv[1]), delimiter="\t")}
plan = {r["clip_id"]: r for r in csv.DictReader(open(sys.argv[2]), delimiter="\t")}


def auc(pos, neg):
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


kinds = defaultdict(list)
by_role = defaultdict(list)
negatives = []
for cid, r in scores.items():
    parts = [p.split(":") for p in plan[cid]["programs"].split(",") if p]
    s = float(r["score:voice"])
    if r["label:voice"] == "1":
        kinds["a voice"].append(s)
        for program, role in parts:
            if program in ("52", "53", "54"):
                by_role[role].append(s)
    else:
        negatives.append(s)
        pad = any(88 <= int(program) <= 95 for program, _ in parts)
        kinds["no voice, a synth pad" if pad else "no voice, no synth pad"].append(s)

for k, v in kinds.items():
    print(f"{k:24s} {len(v):4d} clips  median voice score {statistics.median(v):.3f}")
for role, v in sorted(by_role.items()):
    print(f"voice part as {role:10s} {len(v):4d} clips  voice ROC-AUC against all clips without one {auc(v, negatives):.3f}")
