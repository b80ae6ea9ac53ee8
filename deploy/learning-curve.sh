#!/usr/bin/env bash
# A learning curve for fine-tuning data: how the held-out validation figures move with the amount of
# training data, at the same compute. It fine-tunes one bundle on 1, 2 and 4 units of corpus (the
# corpora mix-a; mix-a + mix-b; mix-a + mix-b + mix-c, which build-default-model.sh makes, 1,000,
# 1,000 and 2,000 clips) for 4, 2 and 1 epochs, so every run takes the same number of steps, and
# writes each run's per-epoch validation (own split, independent engine, unseen SoundFont) to
# OUT/curve.tsv and OUT/curve.md. If the figures still rise at the largest size, more data of this
# kind would help; if they are flat, the budget is better spent elsewhere.
# Resumable: a finished run is skipped, an interrupted one resumes from its checkpoint.
#
# Usage: deploy/learning-curve.sh [WORK_DIR] [INIT_BUNDLE] [OUT_DIR]
#   WORK_DIR     where build-default-model.sh keeps its corpora (default /tmp/tagger-default)
#   INIT_BUNDLE  the bundle every run starts from (default WORK_DIR/stage2, the model before stage 3)
#   OUT_DIR      runs and the curve (default WORK_DIR/learning-curve)
# Environment: LR (0.002), WIDTH (0.3: must match INIT_BUNDLE).
# Time on a 2-core machine: ~10 minutes a run, three runs.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/tagger-default}
INIT=${2:-$W/stage2}
OUT=${3:-$W/learning-curve}
LR=${LR:-0.002}
WIDTH=${WIDTH:-0.3}
VALIDATION=(--validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf")
mkdir -p "$OUT"

run() { # name epochs corpora...
  local name=$1 epochs=$2; shift 2
  local data=()
  for c in "$@"; do data+=(--data "$W/$c"); done
  if [[ -f "$OUT/$name/model.json" ]]; then
    echo "run $name: done" >&2
  else
    echo "run $name: $epochs epochs on $*" >&2
    ./tagger train "${data[@]}" --init "$INIT" --arch a --block rese --width "$WIDTH" --epochs "$epochs" \
      --lr "$LR" --decay-every 100 --seed 3 --out "$OUT/$name" --work "$OUT/$name.work" \
      --name learning-curve --version "$name" "${VALIDATION[@]}" 2>&1 | tee "$OUT/$name.log"
  fi
}

run n1 4 mix-a
run n2 2 mix-a mix-b
run n4 1 mix-a mix-b mix-c

# Collect: one row per run and epoch, from the training logs.
{
  printf 'run\ttraining_clips\tepoch\town_validation\tindependent_engine\tunseen_soundfont\n'
  for name in n1 n2 n4; do
    clips=$(grep -a -o '[0-9]*/[0-9]*/[0-9]* clips (train' "$OUT/$name.log" | head -1 | cut -d/ -f1)
    grep -a 'validation ROC-AUC per set:' "$OUT/$name.log" | awk -v r="$name" -v c="$clips" -F'[:,] *' \
      '{ printf "%s\t%s\t%d\t%s\t%s\t%s\n", r, c, NR, $2, $3, $4 }'
  done
} > "$OUT/curve.tsv"
{
  echo "| run | training clips | epoch | own validation | independent engine | unseen SoundFont |"
  echo "|---|---|---|---|---|---|"
  tail -n +2 "$OUT/curve.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
} > "$OUT/curve.md"
cat "$OUT/curve.md"
