#!/usr/bin/env bash
# Full-size a-ReSE against the shipped width (#19), from scratch on the same data with the same
# recipe, per-epoch validation on the held-out sets (the independent engine, the unseen SoundFont):
# does the paper's width generalise better than width 0.3 at the data and epochs a CPU affords?
#  - corpus width-train: the primary engine with the variety options of tagger-synth 4's third
#    stage (up to three guests, two-handed keyboards, idiomatic parts, 8% without music);
#  - validation: val-independent and val-unseen-sf, the same corpora (names and seeds) as
#    build-default-model.sh's, made here if missing;
#  - runs w0.3 and w1 (WIDTHS): EPOCHS epochs at learning rate 0.01, divided by 5 for the last one;
# then OUT/width-runs.md: one row per width and epoch.
# Resumable: a corpus or a finished run is skipped, an interrupted run resumes from its checkpoint.
#
# Usage: deploy/width-runs.sh [WORK_DIR] [OUT_DIR]
#   WORK_DIR  corpora (default /tmp/tagger-default, shared with build-default-model.sh)
#   OUT_DIR   runs and the table (default WORK_DIR/width-runs)
# Environment: CLIPS (1500: training corpus, 75% of it trained on), EPOCHS (6), WIDTHS ("0.3 1").
# Needs: deploy/setup.sh --full (the unseen SoundFont). Time on a 2-core machine (1500 clips):
#   corpora ~10 min, features ~4 min, ~2 min an epoch at width 0.3 and ~7 at width 1.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/tagger-default}
OUT=${2:-$W/width-runs}
CLIPS=${CLIPS:-1500}
EPOCHS=${EPOCHS:-6}
read -r -a WIDTH_LIST <<< "${WIDTHS:-0.3 1}"
mkdir -p "$W" "$OUT"

source deploy/lib/corpora.sh
corpus width-train --clips "$CLIPS" --seed 120 "${MIX[@]}" --keyboard-textures --idiomatic-parts
validation_corpora     # val-independent, val-unseen-sf (deploy/lib/corpora.sh)
VALIDATION=(--validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf")

for width in "${WIDTH_LIST[@]}"; do
  name="w$width"
  if [[ -f "$OUT/$name/model.json" ]]; then
    echo "run $name: done" >&2
    continue
  fi
  echo "run $name: width $width, $EPOCHS epochs from scratch" >&2
  ./tagger train --data "$W/width-train" --arch a --block rese --width "$width" --epochs "$EPOCHS" \
    --lr 0.01 --decay-every $((EPOCHS - 1)) --seed 3 --out "$OUT/$name" --work "$OUT/$name.work" \
    --name width-runs --version "$name" "${VALIDATION[@]}" 2>&1 | tee -a "$OUT/$name.log"
done

# One row per width and epoch, from the training logs (a resumed run logs each epoch once).
{
  echo "| width | epoch | own validation | independent engine | unseen SoundFont | mean of the two held-out |"
  echo "|---|---|---|---|---|---|"
  for width in "${WIDTH_LIST[@]}"; do
    [[ -f "$OUT/w$width.log" ]] || continue
    grep -a 'validation ROC-AUC per set:' "$OUT/w$width.log" | awk -v w="$width" -F'[:,] *' \
      '{ printf "| %s | %d | %s | %s | %s | %.4f |\n", w, NR, $2, $3, $4, ($3 + $4) / 2 }'
  done
} > "$OUT/width-runs.md"
cat "$OUT/width-runs.md"
