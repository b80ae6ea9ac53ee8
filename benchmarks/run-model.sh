#!/usr/bin/env bash
# Model benchmarks (careful harness: warm-up, several runs, median) on this machine's CPU:
#   training throughput of a-ReSE at the shipped width and at full (paper) size,
#   DJL inference latency per track and throughput at batch 1, 10, 64 of a bundle.
# Usage: benchmarks/run-model.sh [BUNDLE_DIR] [WIDTH...]   (defaults: models/default, 0.2 1)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUNDLE="${1:-models/default}"; shift || true
WIDTHS=("$@"); ((${#WIDTHS[@]})) || WIDTHS=(0.2 1)
./mvnw -q -B install -DskipTests -pl benchmarks -am
NATIVES="$ROOT/model/target/tensorflow-native"
JAVA_OPTS=(-Xmx8g -Djava.library.path="$NATIVES" -Dai.djl.offline=true -Dorg.bytedeco.javacpp.cachedir="$ROOT/benchmarks/target/javacpp")
CP="benchmarks/target/tagger-benchmarks.jar:benchmarks/target/lib/*"
export TENSORFLOW_LIBRARY_PATH="$NATIVES" TF_CPP_MIN_LOG_LEVEL=2
java "${JAVA_OPTS[@]}" -cp "$CP" io.tagger.benchmarks.ModelBenchmark train "${WIDTHS[@]}"
java "${JAVA_OPTS[@]}" -cp "$CP" io.tagger.benchmarks.ModelBenchmark infer "$BUNDLE"
