#!/usr/bin/env bash
# Model benchmarks (careful harness: warm-up, several runs, median) on this machine's CPU:
#   training throughput of a-ReSE at the shipped width and at full (paper) size,
#   DJL inference latency per track and throughput at batch 1, 10, 64 of a bundle.
# Usage: benchmarks/run-model.sh [BUNDLE_DIR] [WIDTH...]   (defaults: models/default, 0.2 1)
# TAGGER_BENCH_JAVA_OPTS: more JVM options, e.g. "-Dtagger.bench.batches=4,8,16,32
#   -Dai.djl.tensorflow.num_intraop_threads=1 -Dai.djl.tensorflow.num_interop_threads=1"
#   (the inference service's TensorFlow threads) for CPU per segment by batch size.
#   Batch size 0 means batches of every size 1..tagger.bench.max-batch (32) in shuffled order;
#   TAGGER_BENCH_SKIP_TRAIN=1 skips the training runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BUNDLE="${1:-models/default}"; shift || true
WIDTHS=("$@"); ((${#WIDTHS[@]})) || WIDTHS=(0.2 1)
./mvnw -q -B install -DskipTests -pl benchmarks -am
NATIVES="$ROOT/serving/target/tensorflow-native"
JAVA_OPTS=(-Xmx8g -Djava.library.path="$NATIVES" -Dai.djl.offline=true -Dorg.bytedeco.javacpp.cachedir="$ROOT/benchmarks/target/javacpp")
# shellcheck disable=SC2206  # split into options on purpose
JAVA_OPTS+=(${TAGGER_BENCH_JAVA_OPTS:-})
CP="benchmarks/target/tagger-benchmarks.jar:benchmarks/target/lib/*"
export TENSORFLOW_LIBRARY_PATH="$NATIVES" TF_CPP_MIN_LOG_LEVEL=2
export ONEDNN_PRIMITIVE_CACHE_CAPACITY="${ONEDNN_PRIMITIVE_CACHE_CAPACITY:-8192}"  # as the services run (1024: oneDNN's default)
[[ -n "${TAGGER_BENCH_SKIP_TRAIN:-}" ]] || java "${JAVA_OPTS[@]}" -cp "$CP" io.tagger.benchmarks.ModelBenchmark train "${WIDTHS[@]}"
java "${JAVA_OPTS[@]}" -cp "$CP" io.tagger.benchmarks.ModelBenchmark infer "$BUNDLE"
