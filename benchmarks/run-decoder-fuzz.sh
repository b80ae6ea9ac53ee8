#!/usr/bin/env bash
# Decoder fuzz harness (#20 C): FILES mutated copies (default 10000) of the audio module's small
# WAV, MP3, FLAC and OGG fixtures, each decoded in a child JVM (THREADS long-lived workers,
# restarted when one dies or hangs; 30 s per file), with a progress bar. Prints the counts per
# container and outcome; exits 1 if any file ended otherwise than decoded or refused with an
# AudioDecodingException (those files are kept in audio/target/decoder-fuzz/findings).
# Usage: benchmarks/run-decoder-fuzz.sh [FILES] [THREADS] [SEED]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
FILES="${1:-10000}"
THREADS="${2:-2}"
SEED="${3:-20}"
./mvnw -q -B install -DskipTests -pl audio -am
./mvnw -q -B test-compile dependency:build-classpath -pl audio -Dmdep.outputFile=target/fuzz-classpath >/dev/null
cd audio
exec java -Dorg.bytedeco.javacpp.cachedir="${TAGGER_NATIVE_CACHE:-$HOME/.cache/tagger/javacpp}" \
  -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath)" \
  io.tagger.audio.DecoderFuzz "$FILES" "$THREADS" "$SEED" target/decoder-fuzz
