# Sourced by the model scripts (build-default-model.sh, generalisation-runs.sh).
# corpus NAME ARGS...: makes the corpus $W/NAME with `./tagger corpus ARGS...` unless it is there
# (a corpus is there once its annotations_final.csv is written, the generator's last step).
corpus() {
  local dir=$1; shift
  if [[ -f "$W/$dir/annotations_final.csv" ]]; then
    echo "corpus $dir: done" >&2
  else
    echo "corpus $dir: $*" >&2
    ./tagger corpus --out "$W/$dir" "$@"
  fi
}

# The corpora of tagger-synth 4's third stage (also in deploy/generalisation-runs.sh): up to three
# guest instruments per clip, with two-handed keyboards (mix-d) and also idiomatic parts (mix-e),
# and a corpus half of which has no music (nm).
MIX=(--guest-parts 0.8 --guests-per-clip 3 --non-music 0.08)
# The corpora stage 3 trains on: build-default-model.sh's stage 3 and generalisation-runs.sh's
# pooled-nm run (which became tagger-synth 4); the training options are in those scripts.
STAGE3=(train-guests mix-d mix-e nm)
stage3_corpora() {
  corpus mix-d --clips 2000 --seed 106 "${MIX[@]}" --keyboard-textures
  corpus mix-e --clips 2000 --seed 107 "${MIX[@]}" --keyboard-textures --idiomatic-parts
  corpus nm --clips 1000 --seed 108 --guest-parts 0.8 --guests-per-clip 3 --non-music 0.5
}

# The held-out validation sets every training run is chosen on (build-default-model.sh,
# width-runs.sh): the independent engine, and the primary engine with the unseen SoundFont.
validation_corpora() {
  corpus val-independent  --clips 300 --seed 201 --engine independent
  corpus val-unseen-sf    --clips 300 --seed 202 --held-out-soundfonts
}
