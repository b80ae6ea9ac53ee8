#!/usr/bin/env bash
# Builds the shipped default model from nothing, in one command: the training corpora (primary
# engine, training SoundFonts; the second one with guest parts whose instruments ignore the style),
# the validation and test corpora it is NOT trained on (the independent engine, the held-out
# SoundFont, both, and clips without music), training in two stages (stage 1 on the first corpus;
# stage 2 fine-tunes it on both), the best epoch of each chosen on the held-out validation sets,
# and the generalisation report.
# The runs that tried to improve on it (more data of the same kind, new kinds of arrangement, a third
# stage) are deploy/generalisation-runs.sh, which starts from this script's corpora and model.
# Resumable: every step skips what is done (a corpus with its annotations_final.csv, a training
# run from its last checkpoint); rerun the same command after an interruption.
#
# Usage: deploy/build-default-model.sh [WORK_DIR] [OUT_BUNDLE]
#   WORK_DIR     corpora and checkpoints (default /tmp/tagger-default; ~3 GB)
#   OUT_BUNDLE   the model bundle (default models/default)
# Environment: CLIPS (first training corpus, default 5000), GUEST_CLIPS (second, 3000), EPOCHS (8: stage 1),
#   WIDTH (0.3), DECAY (6: the learning rate is divided by 5 every DECAY epochs), FT_EPOCHS (3: stage 2, at
#   learning rate 0.002, divided by 5 after 2 epochs), VERSION (3).
# Needs: deploy/setup.sh --full (all GM SoundFonts). Time on a 2-core machine: corpora ~45 min,
#   features ~20 min, stage 1 ~7 min an epoch, stage 2 ~12 min an epoch, report ~5 min.
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
VERSION=${VERSION:-3}
mkdir -p "$W"

source deploy/lib/corpora.sh

corpus train            --clips "$CLIPS" --seed 101
corpus train-guests     --clips "$GUEST_CLIPS" --seed 102 --guest-parts 0.5 --non-music 0.08
corpus val-independent  --clips 300 --seed 201 --engine independent
corpus val-unseen-sf    --clips 300 --seed 202 --held-out-soundfonts
corpus test-independent --clips 400 --seed 301 --engine independent
corpus test-unseen-sf   --clips 400 --seed 302 --held-out-soundfonts
corpus test-both        --clips 400 --seed 303 --engine independent --held-out-soundfonts
corpus non-music        --clips 96  --seed 304 --non-music 1

VALIDATION=(--validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf")
if [[ -f "$W/stage1/model.json" ]]; then
  echo "stage 1: $W/stage1 is done" >&2
else
  ./tagger train --data "$W/train" --arch a --block rese --width "$WIDTH" --epochs "$EPOCHS" \
    --decay-every "$DECAY" --seed 1 --out "$W/stage1" --work "$W/train.work" --name tagger-synth --version "$VERSION-stage1" \
    "${VALIDATION[@]}"
fi

if [[ -f "$OUT/model.json" && "$OUT/model.json" -nt "$W/stage1/model.json" ]] \
    && grep -q "\"version\" : \"$VERSION\"" "$OUT/model.json"; then
  echo "stage 2: $OUT is done" >&2
else
  ./tagger train --data "$W/train" --data "$W/train-guests" --init "$W/stage1" --arch a --block rese --width "$WIDTH" \
    --epochs "$FT_EPOCHS" --lr 0.002 --decay-every 2 --seed 2 --out "$OUT" --work "$W/finetune.work" \
    --name tagger-synth --version "$VERSION" "${VALIDATION[@]}"
fi

./tagger generalisation --model "$OUT" --train-data "$W/train" --train-data "$W/train-guests" \
  --set "own test split=$W/train:test" \
  --set "other engine=$W/test-independent" \
  --set "unseen SoundFont=$W/test-unseen-sf" \
  --set "other engine + unseen SoundFont=$W/test-both" \
  --non-music "$W/non-music" --out "$OUT/report"
