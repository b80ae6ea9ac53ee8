#!/usr/bin/env bash
# The generalisation runs of docs/benchmarks/2026-12-05-generalisation.md, in one command:
#  - the "mix" corpora (primary engine, up to three guest instruments per clip; mix-d also with
#    two-handed keyboard textures, mix-e also with idiomatic parts);
#  - the learning curve: fine-tune one bundle on 1, 2 and 4 thousand mix clips (mix-a; a+b; a+b+c)
#    for 4, 2 and 1 epochs, the same number of steps each;
#  - the variety runs at the same steps: mix a + d, mix a + e;
#  - the pooled run: the guest corpus + mix d + mix e, one epoch at half the learning rate;
#  - pooled-nm: the same plus a corpus half of which is non-music, with its own non-music
#    validation set (OUT/non-music-NAME/generalisation.md: which clips get a tag, for it and INIT);
#  - scratch-stage3: stage 3's corpora trained from scratch, 5 epochs (the rate divided by 5 after 4): the
#    steps of stage 1 (8 epochs of 3,750 plain clips), on varied data; scratch-then-plain and
#    scratch-then-all: that model fine-tuned one epoch on the plain corpus, or on both kinds pooled;
# and writes every run's per-epoch validation (own split, independent engine, unseen SoundFont)
# to OUT/runs.tsv and OUT/runs.md. Every other run starts from the same bundle.
# Resumable: a corpus or a finished run is skipped, an interrupted run resumes from its checkpoint.
#
# Usage: deploy/generalisation-runs.sh [WORK_DIR] [INIT_BUNDLE] [OUT_DIR]
#   WORK_DIR     where build-default-model.sh keeps its corpora (default /tmp/tagger-default)
#   INIT_BUNDLE  the bundle every run starts from (default WORK_DIR/stage2: tagger-synth 3, which
#                build-default-model.sh leaves there; pooled-nm from it is tagger-synth 4)
#   OUT_DIR      runs and tables (default WORK_DIR/runs)
# Environment: WIDTH (0.3: must match INIT_BUNDLE); ONLY (run names, space-separated: only these runs).
# Time on a 2-core machine: mix corpora ~40 min, features ~5 min, ~5-25 minutes a fine-tuning run (eight,
#   and two after scratch-stage3), ~65 minutes for scratch-stage3.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${1:-/tmp/tagger-default}
INIT=${2:-$W/stage2}
OUT=${3:-$W/runs}
WIDTH=${WIDTH:-0.3}
VALIDATION=(--validation-data "$W/val-independent" --validation-data "$W/val-unseen-sf")
mkdir -p "$OUT"

source deploy/lib/corpora.sh
corpus mix-a --clips 1000 --seed 103 "${MIX[@]}"
corpus mix-b --clips 1000 --seed 104 "${MIX[@]}"
corpus mix-c --clips 2000 --seed 105 "${MIX[@]}"
stage3_corpora # mix-d, mix-e and nm (half of it without music: silence, noises, hum, clicks)
corpus val-non-music --clips 96 --seed 205 --non-music 1
for needed in val-independent val-unseen-sf train-guests; do
  [[ -f "$W/$needed/annotations_final.csv" ]] || { echo "$W/$needed is missing: run deploy/build-default-model.sh $W first" >&2; exit 2; }
done

RUNS=()
run() { # name epochs learning-rate corpora...
  # RUN_INIT: none (from scratch) or another bundle than INIT; RUN_DECAY: --decay-every (100)
  local name=$1 epochs=$2 lr=$3; shift 3
  local init=(--init "${RUN_INIT:-$INIT}")
  [[ "${RUN_INIT:-}" != none ]] || init=()
  [[ -z "${ONLY:-}" || " $ONLY " == *" $name "* ]] || return 0
  local data=()
  for c in "$@"; do data+=(--data "$W/$c"); done
  RUNS+=("$name")
  if [[ -f "$OUT/$name/model.json" ]]; then
    echo "run $name: done" >&2
  else
    echo "run $name: $epochs epochs at $lr on $*" >&2
    ./tagger train "${data[@]}" "${init[@]}" --arch a --block rese --width "$WIDTH" --epochs "$epochs" \
      --lr "$lr" --decay-every "${RUN_DECAY:-100}" --seed "${RUN_SEED:-3}" --out "$OUT/$name" --work "$OUT/$name.work" \
      --name generalisation-runs --version "$name" "${VALIDATION[@]}" 2>&1 | tee "$OUT/$name.log"
  fi
}

run n1 4 0.002 mix-a
run n2 2 0.002 mix-a mix-b
run n4 1 0.002 mix-a mix-b mix-c
run a+d 1 0.002 mix-a mix-d
run a+e 1 0.002 mix-a mix-e
run pooled 1 0.001 train-guests mix-d mix-e
run pooled-nm 1 0.001 "${STAGE3[@]}" # = stage 3 of build-default-model.sh: tagger-synth 4
RUN_SEED=4 run pooled-nm-seed4 1 0.001 "${STAGE3[@]}" # the same with another seed: how far seeds move it
# From scratch on stage 3's varied corpora (not from INIT): does variety from the first step
# generalise better than tagger-synth 4's three stages (plain corpus first, variety last)?
RUN_INIT=none RUN_DECAY=4 run scratch-stage3 5 0.01 "${STAGE3[@]}"
# ... and then one epoch on the plain corpus at stage 2's rate: variety first, plain last (the
# reverse of tagger-synth 4's order).
RUN_INIT="$OUT/scratch-stage3" run scratch-then-plain 1 0.002 train
# ... or one epoch on the plain and the varied corpora pooled: neither kind last. Their 13,000 clips'
# features need more than ./tagger's default 6 GB of heap.
TAGGER_JAVA_OPTS="${TAGGER_JAVA_OPTS:--Xmx12g}" RUN_INIT="$OUT/scratch-stage3" \
  run scratch-then-all 1 0.002 train "${STAGE3[@]}"

# Collect: one row per run and epoch, from the training logs.
{
  printf 'run\ttraining_clips\tepoch\town_validation\tindependent_engine\tunseen_soundfont\n'
  for name in "${RUNS[@]}"; do
    clips=$(grep -a -o '[0-9]*/[0-9]*/[0-9]* clips (train' "$OUT/$name.log" | head -1 | cut -d/ -f1)
    grep -a 'validation ROC-AUC per set:' "$OUT/$name.log" | awk -v r="$name" -v c="$clips" -F'[:,] *' \
      '{ printf "%s\t%s\t%d\t%s\t%s\t%s\n", r, c, NR, $2, $3, $4 }'
  done
} > "$OUT/runs.tsv"
{
  echo "| run | training clips | epoch | own validation | independent engine | unseen SoundFont |"
  echo "|---|---|---|---|---|---|"
  tail -n +2 "$OUT/runs.tsv" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
} > "$OUT/runs.md"
cat "$OUT/runs.md"

# The non-music validation set: clips with an instrument, genre or tempo tag >= 0.5, per bundle.
# (The generalisation report needs a baseline; it is fitted on the small validation corpus here,
# and only the CNN's non-music lines are read.)
for b in "$INIT" "$OUT/pooled-nm" "$OUT/pooled-nm-seed4" "$OUT/scratch-stage3" "$OUT/scratch-then-plain" \
    "$OUT/scratch-then-all"; do
  [[ -f "$b/model.json" ]] || continue
  name=$(basename "$b")
  [[ -f "$OUT/non-music-$name/generalisation.md" ]] || ./tagger generalisation --model "$b" \
    --train-data "$W/val-unseen-sf" --set "unseen SoundFont (validation)=$W/val-unseen-sf" \
    --non-music "$W/val-non-music" --out "$OUT/non-music-$name"
done
