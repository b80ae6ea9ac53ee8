#!/usr/bin/env bash
# Builds the shipped default model from nothing, in one command: the training corpus (primary
# engine, training SoundFonts), the validation and test corpora it is NOT trained on (the
# independent engine, the held-out SoundFont, both, and clips without music), training with the
# best epoch chosen on the held-out validation sets, and the generalisation report.
# Resumable: every step skips what is done (a corpus with its annotations_final.csv, a training
# run from its last checkpoint); rerun the same command after an interruption.
#
# Usage: deploy/build-default-model.sh [WORK_DIR] [OUT_BUNDLE]
#   WORK_DIR     corpora and checkpoints (default /tmp/tagger-default; ~3 GB)
#   OUT_BUNDLE   the model bundle (default models/default)
# Environment: CLIPS (training corpus size, default 5000), EPOCHS (14), WIDTH (0.3), DECAY (6: the
#   learning rate is divided by 5 every DECAY epochs), VERSION (2).
# Needs: deploy/setup.sh --full (all GM SoundFonts). Time on a 2-core machine: corpora ~45 min,
#   features ~20 min, training ~4 min an epoch, report ~5 min.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/tagger-default}
OUT=${2:-models/default}
CLIPS=${CLIPS:-5000}
EPOCHS=${EPOCHS:-14}
WIDTH=${WIDTH:-0.3}
DECAY=${DECAY:-6}
VERSION=${VERSION:-2}
mkdir -p "$W"

corpus() {
  local dir=$1; shift
  if [[ -f "$W/$dir/annotations_final.csv" ]]; then
    echo "corpus $dir: done" >&2
  else
    echo "corpus $dir: $*" >&2
    ./tagger corpus --out "$W/$dir" "$@"
  fi
}

corpus train            --clips "$CLIPS" --seed 101
corpus val-independent  --clips 300 --seed 201 --engine independent
corpus val-unseen-sf    --clips 300 --seed 202 --held-out-soundfonts
corpus test-independent --clips 400 --seed 301 --engine independent
corpus test-unseen-sf   --clips 400 --seed 302 --held-out-soundfonts
corpus test-both        --clips 400 --seed 303 --engine independent --held-out-soundfonts
corpus non-music        --clips 96  --seed 304 --non-music 1

if [[ -f "$OUT/model.json" && "$OUT/model.json" -nt "$W/train/annotations_final.csv" ]] \
    && grep -q "\"version\" : \"$VERSION\"" "$OUT/model.json"; then
  echo "train: $OUT is done" >&2
else
  ./tagger train --data "$W/train" --arch a --block rese --width "$WIDTH" --epochs "$EPOCHS" \
    --decay-every "$DECAY" --seed 1 --out "$OUT" --work "$W/train.work" --name tagger-synth --version "$VERSION" \
    --validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf"
fi

./tagger generalisation --model "$OUT" --train-data "$W/train" \
  --set "own test split=$W/train:test" \
  --set "other engine=$W/test-independent" \
  --set "unseen SoundFont=$W/test-unseen-sf" \
  --set "other engine + unseen SoundFont=$W/test-both" \
  --non-music "$W/non-music" --out "$OUT/report"
