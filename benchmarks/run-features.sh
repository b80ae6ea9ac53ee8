#!/usr/bin/env bash
# Feature-extraction benchmark (JMH): one 29.1 s, 16 kHz track = 10 segments, architecture a.
# Single-thread time per track for all 13 features and for each alone, then 1 vs 2 threads.
# Usage: benchmarks/run-features.sh [extra JMH args]   (results in benchmarks/target/*.json)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./mvnw -q -B install -DskipTests -pl benchmarks -am
CP="benchmarks/target/tagger-benchmarks.jar:benchmarks/target/lib/*"
echo "== single thread, ms per track (lower is better)"
java -cp "$CP" org.openjdk.jmh.Main FeatureBenchmark -t 1 -rf json -rff benchmarks/target/features-1t.json "$@"
echo "== all features, 1 vs 2 threads (ms per track per thread; throughput = threads / time)"
for t in 1 2; do
  java -cp "$CP" org.openjdk.jmh.Main FeatureBenchmark -p feature=all -t "$t" -rf json \
    -rff "benchmarks/target/features-all-${t}t.json" "$@"
done
