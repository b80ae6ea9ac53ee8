#!/usr/bin/env bash
# Feature extraction, this tree against another commit, in one sitting on one machine (#22):
# builds FeatureBenchmark's jar of BASE (a git revision; default: the last commit before the
# FFTW change) in a temporary worktree, then runs JMH `FeatureBenchmark -p feature=all -t 1`
# on both jars alternately, RUNS times each (base, this, base, this, ...), so that drift in the
# machine's load hits both alike. Prints ms per 29.1 s track for every run, the medians, the
# spread and the ratio; JMH's JSON goes to benchmarks/target/compare/.
# Usage: benchmarks/compare-features.sh [BASE=88aff55] [RUNS=3] [extra JMH args]
# Needs a quiet machine: nothing else running (2 cores: a build beside it halves both).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BASE="${1:-88aff55}"; shift || true
RUNS="${1:-3}"; shift || true
OUT="$ROOT/benchmarks/target/compare"
WT="$ROOT/benchmarks/target/compare-base"
mkdir -p "$OUT"
echo "== building this tree's benchmark jar"
./mvnw -q -B install -DskipTests -pl benchmarks -am
echo "== building $BASE's benchmark jar (worktree $WT)"
git worktree remove --force "$WT" >/dev/null 2>&1 || rm -rf "$WT"
git worktree prune
git worktree add --detach "$WT" "$BASE" >/dev/null
# package, not install: the reactor resolves its own modules, ~/.m2 keeps this tree's jars.
(cd "$WT" && ./mvnw -q -B package -DskipTests -pl benchmarks -am)
declare -A CP=(
  [base]="$WT/benchmarks/target/tagger-benchmarks.jar:$WT/benchmarks/target/lib/*"
  [this]="$ROOT/benchmarks/target/tagger-benchmarks.jar:$ROOT/benchmarks/target/lib/*"
)
JMH=(-p feature=all -t 1 -f 1 -wi 5 -w 2 -i 5 -r 2 "$@")
for run in $(seq 1 "$RUNS"); do
  for which in base this; do
    echo "== run $run/$RUNS: $which"
    java -cp "${CP[$which]}" org.openjdk.jmh.Main FeatureBenchmark "${JMH[@]}" -rf json \
      -rff "$OUT/$which-$run.json" > "$OUT/$which-$run.log" 2>&1
    grep -E '^FeatureBenchmark' "$OUT/$which-$run.log" || { cat "$OUT/$which-$run.log"; exit 1; }
  done
done
git worktree remove --force "$WT" >/dev/null 2>&1 || true
python3 - "$OUT" "$RUNS" "$BASE" "$(git rev-parse --short HEAD)" <<'PY'
import json, statistics, sys
out, runs, base, head = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
score = {w: [json.load(open(f"{out}/{w}-{r}.json"))[0]["primaryMetric"]["score"] for r in range(1, runs + 1)]
         for w in ("base", "this")}
med = {w: statistics.median(v) for w, v in score.items()}
for w, label in (("base", base), ("this", head)):
    v = score[w]
    print(f"{w:5s} {label:>10s}: runs " + ", ".join(f"{x:.1f}" for x in v)
          + f" ms/track; median {med[w]:.1f}, spread {min(v):.1f}-{max(v):.1f}")
print(f"ratio base/this (medians): {med['base'] / med['this']:.2f}x")
PY
