#!/usr/bin/env bash
# Fault test: kill -9 the feature and inference services in the middle of an N-track run,
# restart them, and check that every track was tagged exactly once (no loss, no duplicate).
# Uses its own broker data (deploy/target/fault) and stops any running local stack first.
# Usage: deploy/fault-test.sh [N=200]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-200}"
export TAGGER_LOCAL="$ROOT/deploy/target/fault"
cd "$ROOT"
deploy/stack.sh stop >/dev/null 2>&1 || true
TAGGER_LOCAL="$ROOT/deploy/target/local" deploy/stack.sh stop >/dev/null 2>&1 || true
rm -rf "$TAGGER_LOCAL"
CORPUS="$ROOT/deploy/target/fault-corpus"
if [[ ! -f "$CORPUS/annotations_final.csv" ]] || [[ $(($(wc -l < "$CORPUS/annotations_final.csv") - 1)) -ne $N ]]; then
  rm -rf "$CORPUS"
  ./tagger corpus --out "$CORPUS" --clips "$N" --seed 99 --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2 > /dev/null
fi
BOOTSTRAP=$(deploy/stack.sh start)
echo "fault-test: $N tracks through $BOOTSTRAP"
./tagger tag --bootstrap-servers "$BOOTSTRAP" --timeout PT15M "$CORPUS" > "$TAGGER_LOCAL/tag.out" 2> "$TAGGER_LOCAL/tag.err" &
TAG=$!
sleep "${TAGGER_FAULT_AFTER:-15}"
deploy/stack.sh kill9 feature-service inference-service
read -r AT_KILL _ < <(java -cp "deploy/target/tagger-deploy.jar:deploy/target/lib/*" io.tagger.deploy.CountTrackTags "$BOOTSTRAP" 2>/dev/null)
echo "fault-test: killed -9 the feature and inference services with $AT_KILL of $N tracks tagged"
deploy/stack.sh start > /dev/null
wait $TAG || true
read -r RECORDS DISTINCT DUPS < <(java -cp "deploy/target/tagger-deploy.jar:deploy/target/lib/*" io.tagger.deploy.CountTrackTags "$BOOTSTRAP" 2>/dev/null)
TAGGED=$(grep -c '\[' "$TAGGER_LOCAL/tag.out" || true)
deploy/stack.sh stop >/dev/null 2>&1
echo "fault-test: tracks $N, tagged by ./tagger tag $TAGGED, track-tags records $RECORDS, distinct $DISTINCT, tracks with duplicates $DUPS"
if [[ "$AT_KILL" -ge "$N" ]]; then
  echo "fault-test: FAILED (the kill came after the run: raise N or lower TAGGER_FAULT_AFTER)"; exit 1
elif [[ "$RECORDS" -eq "$N" && "$DISTINCT" -eq "$N" && "$DUPS" -eq 0 ]]; then
  # The broker's data (~400 MB for 200 tracks) is only needed to look into a failure.
  rm -rf "$TAGGER_LOCAL/kafka-data" "$TAGGER_LOCAL/state"
  echo "fault-test: PASSED (every track tagged exactly once across kill -9 and restart)"
else
  echo "fault-test: FAILED"; exit 1
fi
