#!/usr/bin/env bash
# Builds the shipped default model (tagger-synth 4) from nothing, in one command: the training
# corpora (primary engine, training SoundFonts: plain; with one guest part whose instrument ignores
# the style; with up to three guests, two-handed keyboards and idiomatic parts; a corpus half of
# which has no music), the validation and test corpora it is NOT trained on (the independent engine,
# the held-out SoundFont, both, and clips without music), training in three stages (stage 1 on the
# plain corpus; stage 2 fine-tunes it on plain + one-guest, which was tagger-synth 3; stage 3
# fine-tunes that one epoch at half the rate on one-guest + the variety corpora + the non-music one),
# the best epoch of each chosen on the held-out validation sets, and the generalisation report.
# The runs that chose stage 3 (and those that did not help) are deploy/generalisation-runs.sh.
# Resumable: every step skips what is done (a corpus with its annotations_final.csv, a training
# run from its last checkpoint); rerun the same command after an interruption.
#
# Usage: deploy/build-default-model.sh [WORK_DIR] [OUT_BUNDLE]
#   WORK_DIR     corpora and checkpoints (default /tmp/tagger-default; ~4 GB)
#   OUT_BUNDLE   the model bundle (default models/default)
# Environment: CLIPS (first training corpus, default 5000), GUEST_CLIPS (second, 3000), EPOCHS (8: stage 1),
#   WIDTH (0.3), DECAY (6: the learning rate is divided by 5 every DECAY epochs), FT_EPOCHS (3: stage 2, at
#   learning rate 0.002, divided by 5 after 2 epochs), VERSION (4).
# Needs: deploy/setup.sh --full (all GM SoundFonts). Time on a 2-core machine: corpora ~70 min,
#   features ~25 min, stage 1 ~7 min an epoch, stage 2 ~12 min an epoch, stage 3 ~20 min, report ~5 min.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/tagger-default}
OUT=${2:-models/default}
CLIPS=${CLIPS:-5000}
GUEST_CLIPS=${GUEST_CLIPS:-3000}
EPOCHS=${EPOCHS:-8}
WIDTH=${WIDTH:-0.3}
DECAY=${DECAY:-6}
FT_EPOCHS=${FT_EPOCHS:-3}
VERSION=${VERSION:-4}
mkdir -p "$W"

source deploy/lib/corpora.sh

# Each stage's corpora are made just before it, so a long build trains as early as it can.
corpus train            --clips "$CLIPS" --seed 101
validation_corpora     # val-independent, val-unseen-sf (deploy/lib/corpora.sh)

VALIDATION=(--validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf")
if [[ -f "$W/stage1/model.json" ]]; then
  echo "stage 1: $W/stage1 is done" >&2
else
  ./tagger train --data "$W/train" --arch a --block rese --width "$WIDTH" --epochs "$EPOCHS" \
    --decay-every "$DECAY" --seed 1 --out "$W/stage1" --work "$W/train.work" --name tagger-synth --version "$VERSION-stage1" \
    "${VALIDATION[@]}"
fi

corpus train-guests     --clips "$GUEST_CLIPS" --seed 102 --guest-parts 0.5 --non-music 0.08
if [[ -f "$W/stage2/model.json" && "$W/stage2/model.json" -nt "$W/stage1/model.json" ]]; then
  echo "stage 2: $W/stage2 is done" >&2
else
  ./tagger train --data "$W/train" --data "$W/train-guests" --init "$W/stage1" --arch a --block rese --width "$WIDTH" \
    --epochs "$FT_EPOCHS" --lr 0.002 --decay-every 2 --seed 2 --out "$W/stage2" --work "$W/finetune.work" \
    --name tagger-synth --version "$VERSION-stage2" "${VALIDATION[@]}"
fi
stage3_corpora          # mix-d, mix-e, nm (deploy/lib/corpora.sh)
if [[ -f "$OUT/model.json" && "$OUT/model.json" -nt "$W/stage2/model.json" ]] \
    && grep -q "\"version\" : \"$VERSION\"" "$OUT/model.json"; then
  echo "stage 3: $OUT is done" >&2
else
  STAGE3_DATA=()
  for c in "${STAGE3[@]}"; do STAGE3_DATA+=(--data "$W/$c"); done
  ./tagger train "${STAGE3_DATA[@]}" --init "$W/stage2" \
    --arch a --block rese --width "$WIDTH" --epochs 1 --lr 0.001 --decay-every 100 --seed 3 --out "$OUT" \
    --work "$W/stage3.work" --name tagger-synth --version "$VERSION" "${VALIDATION[@]}"
fi
corpus test-independent --clips 400 --seed 301 --engine independent
corpus test-unseen-sf   --clips 400 --seed 302 --held-out-soundfonts
corpus test-both        --clips 400 --seed 303 --engine independent --held-out-soundfonts
corpus non-music        --clips 96  --seed 304 --non-music 1
./tagger generalisation --model "$OUT" --train-data "$W/train" --train-data "$W/train-guests" \
  --train-data "$W/mix-d" --train-data "$W/mix-e" --train-data "$W/nm" \
  --set "own test split=$W/train:test" \
  --set "other engine=$W/test-independent" \
  --set "unseen SoundFont=$W/test-unseen-sf" \
  --set "other engine + unseen SoundFont=$W/test-both" \
  --non-music "$W/non-music" --out "$OUT/report"
