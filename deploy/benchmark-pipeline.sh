#!/usr/bin/env bash
# Pipeline benchmark on this machine: broker and services local (deploy/stack.sh), N synthetic
# 29.1 s tracks (MP3) uploaded through the ingest service by `./tagger import`, after W warm-up
# tracks (the JIT compiles the hot code of every JVM first, as in a long-running deployment).
#   1. each stage alone: the ingest service with nothing downstream (until the import's last
#      upload is answered: answered means committed); then the feature service
#      alone over the filled audio-in; then the inference service alone over the filled
#      segment-features (throughput from its W-th to its last output, so warm);
#   2. end to end: fresh broker, all three services, W warm-up tracks, then N; throughput steady
#      (from the first measured TrackTags to the last, as the stages alone are timed) and from
#      the measured import's start (its JVM's start included) to the last TrackTags, each
#      track's latency from publish to TrackTags (p50/p99) under that full load, and the CPU
#      time each process spent;
#   3. latency at a paced rate (TAGGER_BENCH_RATE tracks/s, default 2) on the running stack.
# Usage: deploy/benchmark-pipeline.sh [N=1000] [W=8000]. Why so many: the figures are for a
# long-running deployment. C2 compiles what runs once per request or transaction (the broker's
# request handling, Netty, Vert.x) only after thousands of tracks: the JVMs' JIT compiler threads
# still took 4-7 ms of CPU per measured track after 2000 warm-up tracks, 3.2-4.1 after 4000,
# 1.9-2.7 after 8000 (PrintCompilation: mostly new tier-4 methods, few recompilations). And a run
# of 400 tracks spent ~6% of its time starting and draining (the client's JVM, the first track's
# latency, the last batch's wait), ~3% at 1000.
# All tracks are copies of the corpus's clips (at most 400 distinct ones: generating more takes
# long) with a few bytes appended: other track ids, the same work.
# Output: a table on stdout; logs in deploy/target/bench.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000}"
W="${2:-8000}"
RATE="${TAGGER_BENCH_RATE:-2}"
SEGS=10  # 29.1 s clips: 10 segments each (the bundle's segments_per_track)
export TAGGER_LOCAL="$ROOT/deploy/target/bench"
# The benchmark's one client uploads faster than a key's default rate (600 a minute): lift it here.
export TAGGER_RATE_PER_MINUTE="${TAGGER_RATE_PER_MINUTE:-1000000}" TAGGER_RATE_BURST="${TAGGER_RATE_BURST:-100000}"
cd "$ROOT"
CP="deploy/target/tagger-deploy.jar:deploy/target/lib/*"
# The clock is the harness, not the system: quick JIT and a small heap keep its share of the cores small.
clock() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m -cp "$CP" io.tagger.deploy.StageClock "$@" 2>/dev/null; }
now_ms() { date +%s%3N; }
secs() { awk -v m="$1" 'BEGIN { printf "%8.1f", m / 1000 }'; }
rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%6.1f", n * 1000 / ms }'; }
key() { cat "$TAGGER_LOCAL/api-key"; }  # the local stack's uploader key (deploy/stack.sh makes it)
import() { ./tagger import --ingest-url http://127.0.0.1:8081 --api-key "$(key)" --parallel 2 "$@" > /dev/null 2>> "$TAGGER_LOCAL/import.log"; }
cpu_ticks() { local a; read -r -a a < "/proc/$1/stat"; echo $((a[13] + a[14])); }  # utime + stime
jit_ticks() { # utime + stime of the process's JIT compiler threads (C1/C2 CompilerThreadN)
  local t s a sum=0
  for t in /proc/"$1"/task/*; do
    [[ "$(cat "$t/comm" 2>/dev/null)" == C?\ CompilerThre* ]] || continue
    s=$(cat "$t/stat" 2>/dev/null) || continue
    read -r -a a <<< "${s##*) }"; sum=$((sum + a[11] + a[12]))
  done
  echo "$sum"
}

for l in "$ROOT/deploy/target/local" "$ROOT/deploy/target/fault" "$TAGGER_LOCAL"; do
  TAGGER_LOCAL="$l" deploy/stack.sh stop >/dev/null 2>&1 || true
done
CLIPS=$((N < 400 ? N : 400))
CORPUS="$ROOT/deploy/target/bench-corpus-$CLIPS"
if [[ ! -f "$CORPUS/annotations_final.csv" ]]; then
  ./tagger corpus --out "$CORPUS" --clips "$CLIPS" --seed 7 --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2 > /dev/null
fi
# Warm-up, measured and paced tracks: the corpus's audio with a few bytes appended (other content,
# other track ids), going round the corpus again with another suffix when it needs more.
variant() { # DIR COUNT SUFFIX
  local files=("$CORPUS"/*/*.mp3) f i round
  mkdir -p "$1"
  for ((i = 0; i < $2; i++)); do
    f="${files[i % ${#files[@]}]}"; round=$((i / ${#files[@]}))
    { cat "$f"; printf '%s%d' "$3" "$round"; } > "$1/$(basename "$f" .mp3)-$round.mp3"
  done
}
rm -rf "$TAGGER_LOCAL"; mkdir -p "$TAGGER_LOCAL"
variant "$TAGGER_LOCAL/warm" "$W" warm
variant "$TAGGER_LOCAL/measured" "$N" measured

# A virtual machine's memory is backed by its host on first touch: here the first write into page
# cache the machine never used cost ~10x a later one (2 GB with dd: 4.7 s of kernel CPU the first
# time, 0.3-0.5 s after). A long-running broker recycles its page cache and never pays that, so the
# run first writes and deletes as much as it will write (about 2.5 MB a track), and says what the
# first touch cost.
MB=$(( (W + N) * 5 / 2 ))
/usr/bin/time -o "$TAGGER_LOCAL/touch.time" -f "%S" dd if=/dev/zero of="$TAGGER_LOCAL/touch" bs=1M count="$MB" status=none
rm -f "$TAGGER_LOCAL/touch"
TOUCH="writing $MB MB once beforehand took $(cat "$TAGGER_LOCAL/touch.time") s of kernel CPU"
PACED=$((N < 40 ? N : 40)); variant "$TAGGER_LOCAL/paced" "$PACED" paced

echo "== stages alone ($W warm-up + $N tracks)" >&2
mkdir -p "$TAGGER_LOCAL/data"; mv "$TAGGER_LOCAL/warm" "$TAGGER_LOCAL/measured" "$TAGGER_LOCAL/paced" "$TAGGER_LOCAL/data/"
BOOTSTRAP=$(deploy/stack.sh start ingest-service)
import "$TAGGER_LOCAL/data/warm"
# The ingest service answers an upload once its transaction is committed, so the import's end is
# the stage's end (a clock reading audio-in alongside would itself compete for the two cores: it
# has to read the warm-up's ~1 GB of PCM first). Then a check that all N tracks' segments are there.
t0=$(now_ms); import "$TAGGER_LOCAL/data/measured"; INGEST_MS=$(($(now_ms) - t0))
if ! clock "$BOOTSTRAP" audio-in $((N * SEGS)) 600 0 $((W * SEGS)) > "$TAGGER_LOCAL/ingest.clock"; then
  echo "benchmark: audio-in lacks segments of the $N tracks (import log: $TAGGER_LOCAL/import.log)" >&2; exit 1
fi

clock "$BOOTSTRAP" segment-features $((N * SEGS)) 3600 0 $((W * SEGS)) > "$TAGGER_LOCAL/features.clock" &
deploy/stack.sh start feature-service > /dev/null; wait $!
read -r first last _ < "$TAGGER_LOCAL/features.clock"; FEATURES_MS=$((last - first))

clock "$BOOTSTRAP" track-tags "$N" 3600 0 "$W" > "$TAGGER_LOCAL/inference.clock" &
deploy/stack.sh start inference-service > /dev/null; wait $!
read -r first last _ < "$TAGGER_LOCAL/inference.clock"; INFERENCE_MS=$((last - first))
deploy/stack.sh stop >/dev/null 2>&1

echo "== end to end" >&2
mv "$TAGGER_LOCAL/data" "$TAGGER_LOCAL.data"; rm -rf "$TAGGER_LOCAL"; mkdir -p "$TAGGER_LOCAL"; mv "$TAGGER_LOCAL.data" "$TAGGER_LOCAL/data"
BOOTSTRAP=$(deploy/stack.sh start)
import "$TAGGER_LOCAL/data/warm"; clock "$BOOTSTRAP" track-tags "$W" > /dev/null
PROCS=(kafka ingest-service feature-service inference-service)
declare -A CPU0 JIT0
for p in "${PROCS[@]}"; do CPU0[$p]=$(cpu_ticks "$(cat "$TAGGER_LOCAL/$p.pid")"); JIT0[$p]=$(jit_ticks "$(cat "$TAGGER_LOCAL/$p.pid")"); done
t0=$(now_ms)
clock "$BOOTSTRAP" track-tags "$N" 3600 "$t0" > "$TAGGER_LOCAL/e2e.clock" &
CLOCK=$!
/usr/bin/time -o "$TAGGER_LOCAL/import.time" -f "%U %S" ./tagger import --ingest-url http://127.0.0.1:8081 --api-key "$(key)" --parallel 2 "$TAGGER_LOCAL/data/measured" \
  > /dev/null 2>> "$TAGGER_LOCAL/import.log"
wait $CLOCK
read -r first last count p50 p99 < "$TAGGER_LOCAL/e2e.clock"; E2E_MS=$((last - t0))
# Steady: from the first measured TrackTags to the last (N-1 intervals), as each stage alone is
# timed from its W-th output to its last: without the client JVM's start and the first track's
# way through the empty pipeline, which are latency, not throughput.
STEADY_MS=$((last - first))
HZ=$(getconf CLK_TCK)
CPU_LINE=""; JIT_LINE=""; TOTAL=0
for p in "${PROCS[@]}"; do
  ms=$(( ($(cpu_ticks "$(cat "$TAGGER_LOCAL/$p.pid")") - CPU0[$p]) * 1000 / HZ )); TOTAL=$((TOTAL + ms))
  CPU_LINE+="$(printf '%s %d, ' "$p" $((ms / N)))"
  # Compiler threads that ended during the run take their time with them: a lower bound.
  jit=$(( ($(jit_ticks "$(cat "$TAGGER_LOCAL/$p.pid")") - JIT0[$p]) * 1000 / HZ ))
  JIT_LINE+="$(printf '%s %.1f, ' "$p" "$(awk -v m=$jit -v n=$N 'BEGIN { printf "%.1f", m / n }')")"
done
read -r iu is < "$TAGGER_LOCAL/import.time"; ims=$(awk -v u="$iu" -v s="$is" 'BEGIN { printf "%d", (u + s) * 1000 }')
TOTAL=$((TOTAL + ims)); CPU_LINE+="import client $((ims / N))"

echo "== latency at $RATE tracks/s" >&2
t1=$(now_ms)
clock "$BOOTSTRAP" track-tags "$PACED" 600 "$t1" > "$TAGGER_LOCAL/paced.clock" &
./tagger import --ingest-url http://127.0.0.1:8081 --api-key "$(key)" --parallel 2 --rate "$RATE" "$TAGGER_LOCAL/data/paced" > /dev/null 2>> "$TAGGER_LOCAL/import.log"
wait $!
read -r _ _ pcount pp50 pp99 < "$TAGGER_LOCAL/paced.clock"
deploy/stack.sh stop >/dev/null 2>&1

SLOWEST=$(( INGEST_MS > FEATURES_MS ? (INGEST_MS > INFERENCE_MS ? INGEST_MS : INFERENCE_MS) : (FEATURES_MS > INFERENCE_MS ? FEATURES_MS : INFERENCE_MS) ))
cat <<TABLE
pipeline benchmark: $N tracks of 29.1 s (MP3) after $W warm-up tracks; $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); broker + services + client on this machine
stage                      time (s)  tracks/s
ingest alone               $(secs $INGEST_MS)    $(rate "$N" "$INGEST_MS")
features alone             $(secs $FEATURES_MS)    $(rate "$N" "$FEATURES_MS")
inference alone            $(secs $INFERENCE_MS)    $(rate "$N" "$INFERENCE_MS")
end to end, steady         $(secs $STEADY_MS)    $(rate $((N - 1)) "$STEADY_MS")   (first to last TrackTags, as the stages alone)
end to end, from start     $(secs $E2E_MS)    $(rate "$N" "$E2E_MS")   (from the import's start: its JVM's start and the first track's latency included)
end-to-end / slowest stage alone: $(awk -v e=$STEADY_MS -v n=$N -v s=$SLOWEST 'BEGIN { printf "%.0f%%", 100 * s * (n - 1) / (e * n) }') steady ($(awk -v e=$E2E_MS -v s=$SLOWEST 'BEGIN { printf "%.0f%%", 100 * s / e }') from the import's start)
end-to-end CPU per track (ms): ${CPU_LINE}; total $((TOTAL / N)) ms = at most $(awk -v t=$TOTAL -v n=$N -v c="$(nproc)" 'BEGIN { printf "%.1f", c * 1000 * n / t }') tracks/s on $(nproc) cores
  of which JIT compiler threads (ms per track, at least): ${JIT_LINE%, }
latency publish -> TrackTags under full load: p50 ${p50} ms, p99 ${p99} ms ($count tracks)
latency publish -> TrackTags at $RATE tracks/s: p50 ${pp50} ms, p99 ${pp99} ms ($pcount tracks)
page cache: $TOUCH
TABLE
