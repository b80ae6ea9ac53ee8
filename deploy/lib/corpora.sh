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
