#!/usr/bin/env bash
# Pipeline benchmark on this machine: broker and services local (deploy/stack.sh), N synthetic
# 29.1 s tracks (MP3), uploaded through the ingest service by `./tagger import`.
#   1. each stage alone: the ingest service with nothing downstream running; then the feature
#      service alone over the filled audio-in; then the inference service alone over the filled
#      segment-features (throughput from its first to its last output record);
#   2. end to end: fresh broker, all three services, the same N uploads; throughput from the
#      first upload to the last TrackTags, and each track's latency from publish to TrackTags
#      (p50/p99) under that full load;
#   3. latency at a paced rate (TAGGER_BENCH_RATE tracks/s, default 2) on the running stack.
# Usage: deploy/benchmark-pipeline.sh [N=200]. Output: a table on stdout; logs in deploy/target/bench.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-200}"
RATE="${TAGGER_BENCH_RATE:-2}"
export TAGGER_LOCAL="$ROOT/deploy/target/bench"
cd "$ROOT"
CP="deploy/target/tagger-deploy.jar:deploy/target/lib/*"
clock() { java -cp "$CP" io.tagger.deploy.StageClock "$@" 2>/dev/null; }
now_ms() { date +%s%3N; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.1f", n * 1000 / ms }'; }

for l in "$ROOT/deploy/target/local" "$ROOT/deploy/target/fault" "$TAGGER_LOCAL"; do
  TAGGER_LOCAL="$l" deploy/stack.sh stop >/dev/null 2>&1 || true
done
CORPUS="$ROOT/deploy/target/bench-corpus-$N"
if [[ ! -f "$CORPUS/annotations_final.csv" ]]; then
  ./tagger corpus --out "$CORPUS" --clips "$N" --seed 7 --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2 > /dev/null
fi
SEGMENTS=$((N * 10))  # 29.1 s clips: 10 segments each (the bundle's segments_per_track)

echo "== stages alone ($N tracks, $SEGMENTS segments)" >&2
rm -rf "$TAGGER_LOCAL"
BOOTSTRAP=$(deploy/stack.sh start ingest-service)
clock "$BOOTSTRAP" audio-in "$SEGMENTS" > "$TAGGER_LOCAL/ingest.clock" &
t0=$(now_ms)
./tagger import --ingest-url http://127.0.0.1:8081 --parallel 2 "$CORPUS" >&2
wait $!
read -r _ last _ < "$TAGGER_LOCAL/ingest.clock"
INGEST_MS=$((last - t0))

clock "$BOOTSTRAP" segment-features "$SEGMENTS" > "$TAGGER_LOCAL/features.clock" &
deploy/stack.sh start feature-service > /dev/null
wait $!
read -r first last _ < "$TAGGER_LOCAL/features.clock"
FEATURES_MS=$((last - first))

clock "$BOOTSTRAP" track-tags "$N" > "$TAGGER_LOCAL/inference.clock" &
deploy/stack.sh start inference-service > /dev/null
wait $!
read -r first last _ < "$TAGGER_LOCAL/inference.clock"
INFERENCE_MS=$((last - first))
deploy/stack.sh stop >/dev/null 2>&1

echo "== end to end" >&2
rm -rf "$TAGGER_LOCAL"
BOOTSTRAP=$(deploy/stack.sh start)
clock "$BOOTSTRAP" track-tags "$N" > "$TAGGER_LOCAL/e2e.clock" &
t0=$(now_ms)
./tagger import --ingest-url http://127.0.0.1:8081 --parallel 2 "$CORPUS" >&2
wait $!
read -r _ last count p50 p99 < "$TAGGER_LOCAL/e2e.clock"
E2E_MS=$((last - t0))

echo "== latency at $RATE tracks/s" >&2
PACED=$((N < 40 ? N : 40))
PACED_DIR="$TAGGER_LOCAL/paced"
mkdir -p "$PACED_DIR"
# Same audio, new track ids: re-encode the first files with a changed ID3 title so their bytes differ.
ls "$CORPUS"/*/*.mp3 | head -n "$PACED" | while read -r f; do
  { cat "$f"; printf 'paced'; } > "$PACED_DIR/$(basename "$f")"
done
clock "$BOOTSTRAP" track-tags "$PACED" 600 "$(now_ms)" > "$TAGGER_LOCAL/paced.clock" &
./tagger import --ingest-url http://127.0.0.1:8081 --parallel 2 --rate "$RATE" "$PACED_DIR" >&2
wait $!
read -r _ _ pcount pp50 pp99 < "$TAGGER_LOCAL/paced.clock"
deploy/stack.sh stop >/dev/null 2>&1

cat <<TABLE
pipeline benchmark: $N tracks of 29.1 s (MP3), $(nproc) cores, broker + services on this machine
stage                      time (s)   tracks/s
ingest alone               $(awk -v m=$INGEST_MS 'BEGIN{printf "%8.1f", m/1000}')   $(rate "$N" "$INGEST_MS")
features alone             $(awk -v m=$FEATURES_MS 'BEGIN{printf "%8.1f", m/1000}')   $(rate "$N" "$FEATURES_MS")
inference alone            $(awk -v m=$INFERENCE_MS 'BEGIN{printf "%8.1f", m/1000}')   $(rate "$N" "$INFERENCE_MS")
end to end                 $(awk -v m=$E2E_MS 'BEGIN{printf "%8.1f", m/1000}')   $(rate "$N" "$E2E_MS")
end-to-end / slowest stage: $(awk -v e=$E2E_MS -v a=$INGEST_MS -v b=$FEATURES_MS -v c=$INFERENCE_MS 'BEGIN{m=a; if(b>m)m=b; if(c>m)m=c; printf "%.0f%%", 100*m/e}')
latency publish -> TrackTags under full load: p50 ${p50} ms, p99 ${p99} ms ($count tracks)
latency publish -> TrackTags at $RATE tracks/s: p50 ${pp50} ms, p99 ${pp99} ms ($pcount tracks)
TABLE
