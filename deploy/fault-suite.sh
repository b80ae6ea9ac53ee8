#!/usr/bin/env bash
# The fault suite (issue #20): the local stack on a real broker, one fault at a time, each while
# tracks go in through `./tagger tag` (straight to audio-in) and through the ingest's HTTP API
# (a retrying uploader, deploy/src/.../FaultClient). After each fault it reads audio-in and
# track-tags with read_committed and prints one line per fault kind:
#   fault-suite: FAULT injected=N accepted=A tagged=T lost=L duplicated=D ... http: answers={...} unclear=U
# and ends with PASSED when every accepted track was tagged exactly once, every HTTP refusal said
# why (a JSON error; Retry-After with 429/503) and every upload answered 200 is on audio-in.
#
# Faults: kill9-feature, kill9-inference, kill9-ingest (SIGKILL at random points, restarted),
# broker-kill9 (SIGKILL, restarted after a pause), broker-stall (SIGSTOP for longer than the
# services' transaction timeouts, then SIGCONT), disk-full-state (the inference service's Kafka
# Streams state dir, a small tmpfs, filled until ENOSPC, then freed), disk-full-spool (the same for
# the ingest's upload spool), slow-consumer (the inference service SIGSTOPped, a reader of
# track-tags taking one record at a time).
#
# Usage: deploy/fault-suite.sh [--seed N] [--tracks N] [--faults a,b,...]
#   --seed: the random schedule (when each fault strikes); printed, TAGGER_FAULT_SEED, default: random
#   --tracks: tracks per fault, half through each path (default 30); the corpus is made once
# Needs root for the tmpfs mounts (the disk-full faults); stops any local stack first; its own
# data in deploy/target/fault-suite (kept after a failure, removed after a pass).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SEED="${TAGGER_FAULT_SEED:-$((RANDOM * 32768 + RANDOM))}"
TRACKS=30
FAULTS="kill9-feature,kill9-inference,kill9-ingest,broker-kill9,broker-stall,disk-full-state,disk-full-spool,slow-consumer"
while (($#)); do
  case "$1" in
    --seed) SEED=$2; shift 2 ;;
    --tracks) TRACKS=$2; shift 2 ;;
    --faults) FAULTS=$2; shift 2 ;;
    *) echo "usage: deploy/fault-suite.sh [--seed N] [--tracks N] [--faults a,b,...]" >&2; exit 2 ;;
  esac
done
# How long the broker is stopped: longer than the Kafka Streams services' transaction timeout
# (10 s, Kafka Streams' default under exactly_once_v2) and the ingest's (60 s, the producer's default).
STALL_S="${TAGGER_FAULT_STALL_S:-65}"
# The uploader starts one upload every PACE_MS, so the HTTP half of a fault's tracks spans ~20 s
# and a fault striking in that window finds uploads in flight.
PACE_MS="${TAGGER_FAULT_PACE_MS:-1500}"
export TAGGER_LOCAL="$ROOT/deploy/target/fault-suite"
cd "$ROOT"
RANDOM=$SEED
T0=$(date +%s)
say() { echo "fault-suite: $*"; }
say "seed $SEED (repeat with --seed $SEED), $TRACKS tracks per fault, faults $FAULTS, $(nproc) cores"

CP="deploy/target/tagger-deploy.jar:deploy/target/lib/*"
client() { java -XX:TieredStopAtLevel=1 -Xmx256m -cp "$CP" io.tagger.deploy.FaultClient "$@"; }
STATE_DIR="$TAGGER_LOCAL/state/inference-service"
SPOOL_DIR="$TAGGER_LOCAL/uploads"

cleanup() {
  deploy/stack.sh signal CONT kafka ingest-service feature-service inference-service >/dev/null 2>&1 || true
  deploy/stack.sh stop >/dev/null 2>&1 || true
  umount "$STATE_DIR" 2>/dev/null || true
  umount "$SPOOL_DIR" 2>/dev/null || true
}
deploy/stack.sh stop >/dev/null 2>&1 || true
TAGGER_LOCAL="$ROOT/deploy/target/local" deploy/stack.sh stop >/dev/null 2>&1 || true
TAGGER_LOCAL="$ROOT/deploy/target/fault" deploy/stack.sh stop >/dev/null 2>&1 || true
umount "$STATE_DIR" 2>/dev/null || true
umount "$SPOOL_DIR" 2>/dev/null || true
rm -rf "$TAGGER_LOCAL"
trap cleanup EXIT
trap 'exit 143' TERM INT # so that the EXIT trap stops the stack and unmounts

# One corpus, reused by every fault: each fault gets its own copies, made distinct (own content
# ids) by an ID3v1 tag appended to the MP3, which the decoder skips.
CORPUS="$ROOT/deploy/target/fault-suite-corpus"
if [[ ! -f "$CORPUS/annotations_final.csv" ]] || [[ $(($(wc -l < "$CORPUS/annotations_final.csv") - 1)) -ne $TRACKS ]]; then
  rm -rf "$CORPUS"
  ./tagger corpus --out "$CORPUS" --clips "$TRACKS" --seed 99 --soundfont /usr/share/sounds/sf2/TimGM6mb.sf2 > /dev/null
fi
mapfile -t CLIPS < <(find "$CORPUS" -name '*.mp3' | sort)

# The disk-full faults' small file systems, mounted before the services start.
mkdir -p "$STATE_DIR" "$SPOOL_DIR"
MOUNTED=1
mount -t tmpfs -o size=256m tmpfs "$STATE_DIR" && mount -t tmpfs -o size=16m tmpfs "$SPOOL_DIR" || MOUNTED=0
((MOUNTED)) || say "cannot mount tmpfs (not root?): the disk-full faults will fail"
T1=$(date +%s)
BOOTSTRAP=$(deploy/stack.sh start 2>>"$TAGGER_LOCAL/stack.err")
KEY_FILE="$TAGGER_LOCAL/api-key"
say "stack up on $BOOTSTRAP in $(($(date +%s) - T1)) s"

declare -A PORT=([ingest-service]=8081 [feature-service]=8082 [inference-service]=8083)
SERVICES=(ingest-service feature-service inference-service)
RESTARTS=0
running() { local f="$TAGGER_LOCAL/$1.pid"; [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }
restart() { deploy/stack.sh start "$@" >/dev/null 2>>"$TAGGER_LOCAL/stack.err" || say "restart of $* failed (see $TAGGER_LOCAL/logs)"; }
# What an orchestrator does: restart a service whose process is gone or whose liveness is DOWN
# twice in a row (a Kafka Streams client that shut down after too many thread replacements).
declare -A DOWN SILENT
supervise() {
  for s in "${SERVICES[@]}"; do
    local code
    if ! running "$s"; then
      say "  supervisor: $s is gone: restarting it"; RESTARTS=$((RESTARTS + 1)); restart "$s"; continue
    fi
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:${PORT[$s]}/q/health/live" || true)
    # A process that never answers (stuck in startup) fails its probe too, after a start-up allowance.
    if [[ "$code" == 000 ]]; then
      SILENT[$s]=$((${SILENT[$s]:-0} + 1))
      if ((SILENT[$s] >= 30)); then
        say "  supervisor: $s has not answered its liveness probe for 30 checks: killing and restarting it"
        RESTARTS=$((RESTARTS + 1)); SILENT[$s]=0
        deploy/stack.sh kill9 "$s" 2>/dev/null; sleep 1; restart "$s"
      fi
      continue
    fi
    SILENT[$s]=0
    if [[ "$code" == 503 ]]; then
      DOWN[$s]=$((${DOWN[$s]:-0} + 1))
      if ((DOWN[$s] >= 2)); then
        say "  supervisor: $s liveness DOWN: killing and restarting it"; RESTARTS=$((RESTARTS + 1)); DOWN[$s]=0
        deploy/stack.sh kill9 "$s" 2>/dev/null; sleep 1; restart "$s"
      fi
    else
      DOWN[$s]=0
    fi
  done
}
# A random whole number of seconds in [A, B] from the seeded generator.
between() { echo $(($1 + RANDOM % ($2 - $1 + 1))); }

# The per-fault clients: ./tagger tag over half the tracks (run again on EXIT_FAILURE, a Kafka
# refusal: the same tracks again, which downstream drops as repeats) and the uploader over the other half.
tag_client() { # DIR OUT
  local dir=$1 out=$2 attempt rc
  for attempt in 1 2 3 4 5; do
    rc=0
    ./tagger tag --bootstrap-servers "$BOOTSTRAP" --timeout PT4M "$dir" > "$out.out" 2> "$out.err.$attempt" || rc=$?
    echo "$attempt $rc" > "$out.rc"
    [[ $rc -eq 3 ]] || return 0
    sleep 3
  done
}

FAILED=0
SUMMARY=()
run_fault() { # NAME INJECT_FUNCTION
  local name=$1 inject=$2 dir="$TAGGER_LOCAL/faults/$1" i=0 half=$((TRACKS / 2))
  mkdir -p "$dir/tag" "$dir/http"
  : > "$dir/ids"; : > "$dir/http.list"
  for c in "${CLIPS[@]}"; do
    local sub=tag; ((i < half)) || sub=http
    local f="$dir/$sub/$(basename "$c" .mp3)-$name.mp3"
    cp "$c" "$f"
    printf 'TAG%-30.30s%-30.30s%-30.30s%-4.4s%-30.30s\377' "fault $name $i" "tagger" "fault-suite" "2026" "" >> "$f"
    sha256sum "$f" | cut -c1-16 >> "$dir/ids"
    [[ $sub == http ]] && echo "$f" >> "$dir/http.list"
    i=$((i + 1))
  done
  local since=$(($(date +%s%3N) - 5000)) start; start=$(date +%s)
  INJECTED=0; RESTARTS=0
  tag_client "$dir/tag" "$dir/tag" &
  local tag_pid=$!
  client upload http://127.0.0.1:8081 "$KEY_FILE" "$dir/http.list" "$dir/http.tsv" 2 "$PACE_MS" 300 > "$dir/http.out" 2> "$dir/http.err" &
  local http_pid=$!
  "$inject" "$dir"
  while kill -0 "$tag_pid" 2>/dev/null || kill -0 "$http_pid" 2>/dev/null; do supervise; sleep 3; done
  wait "$tag_pid" || true; wait "$http_pid" || true
  supervise
  local counts http tagrc
  # The orchestrator keeps watching while the tags are counted: the clients may all be done before
  # a service the fault broke is seen DOWN twice (a fast machine), and nothing else would restart it.
  client count "$BOOTSTRAP" "$dir/ids" "$since" 180 "$dir/http.tsv" > "$dir/count.out" 2> "$dir/count.err" &
  local count_pid=$!
  while kill -0 "$count_pid" 2>/dev/null; do supervise; sleep 3; done
  wait "$count_pid" && counts=$(tail -1 "$dir/count.out") || counts="count-failed"
  http=$(tail -1 "$dir/http.out" 2>/dev/null || echo "no-upload-summary")
  tagrc=$(cat "$dir/tag.rc" 2>/dev/null || echo "? ?")
  # ./tagger tag's refusals (exit 3) and what they said: a Kafka refusal must say why
  local e
  for e in "$dir"/tag.err.*; do
    [[ "$e" == "$dir/tag.err.${tagrc% *}" ]] && continue
    say "  ./tagger tag run ${e##*.} refused: $(grep -v -E '^\[|^\s+at ' "$e" | tail -1 | cut -c1-200)"
  done
  local line="$name injected=$INJECTED $counts supervisor-restarts=$RESTARTS tag-runs=${tagrc% *} tag-exit=${tagrc#* } http: $http seconds=$(($(date +%s) - start))"
  say "$line"
  SUMMARY+=("$line")
  local ok=1
  [[ "$counts" =~ accepted=([0-9]+)\ tagged=([0-9]+)\ lost=0\ duplicated=0\ tagged-not-accepted=0\ answered200-not-on-audio-in=0 ]] || ok=0
  ((ok)) && [[ ${BASH_REMATCH[1]} -gt 0 ]] || ok=0
  [[ "$http" =~ unclear=0 ]] || ok=0
  ((INJECTED > 0)) || ok=0
  if ((ok)); then say "$name: OK"; else
    say "$name: FAILED (details in $dir)"; FAILED=$((FAILED + 1))
    local s # what the services last complained about, so that a CI log alone says where to look
    for s in "${SERVICES[@]}"; do
      grep -E ' (ERROR|WARN) |DOWN' "$TAGGER_LOCAL/logs/$s.log" 2>/dev/null | tail -4 | cut -c1-400 | sed "s/^/fault-suite:   $s: /" || true
    done
  fi
}

# --- the faults -----------------------------------------------------------------------------------

kill_service() { # SERVICE DIR: two SIGKILLs at random points, each followed by a restart
  local s=$1
  sleep "$(between 3 12)"
  deploy/stack.sh kill9 "$s" 2>/dev/null; INJECTED=$((INJECTED + 1)); say "  kill -9 $s at +$(($(date +%s) - T0)) s"
  sleep 1; restart "$s"
  sleep "$(between 1 6)"
  deploy/stack.sh kill9 "$s" 2>/dev/null; INJECTED=$((INJECTED + 1)); say "  kill -9 $s at +$(($(date +%s) - T0)) s"
  sleep 1; restart "$s"
}
fault_kill9_feature() { kill_service feature-service; }
fault_kill9_inference() { kill_service inference-service; }
fault_kill9_ingest() { kill_service ingest-service; }

fault_broker_kill9() {
  sleep "$(between 2 8)"
  deploy/stack.sh kill9 kafka 2>/dev/null; INJECTED=1; say "  kill -9 the broker at +$(($(date +%s) - T0)) s"
  sleep "$(between 5 15)"
  restart ingest-service # brings the broker back (the services are up already)
  say "  broker back at +$(($(date +%s) - T0)) s"
}

fault_broker_stall() {
  sleep "$(between 2 8)"
  deploy/stack.sh signal STOP kafka 2>/dev/null; INJECTED=1; say "  SIGSTOP the broker for $STALL_S s at +$(($(date +%s) - T0)) s"
  sleep "$STALL_S"
  deploy/stack.sh signal CONT kafka 2>/dev/null
}

fill() { # DIR SECONDS: fill DIR's file system until ENOSPC, hold, free
  sleep "$(between 2 6)"
  dd if=/dev/zero of="$1/.fault-fill" bs=1M 2>/dev/null || true
  INJECTED=1; say "  filled $(basename "$1") ($(df --output=avail -h "$1" | tail -1 | tr -d ' ') left) for $2 s at +$(($(date +%s) - T0)) s"
  sleep "$2"
  rm -f "$1/.fault-fill"
}
# A running stream thread writes its RocksDB stores to disk only now and then (exactly-once keeps
# them in memory between checkpoints), so a full disk alone may go unnoticed for a while; what
# cannot go unnoticed is a restart while it is full (a crash, a rescheduled pod): the service must
# open its stores then. So the inference service is killed and restarted while the disk is full,
# and the disk freed 25 s later.
fault_disk_full_state() {
  sleep "$(between 2 6)"
  dd if=/dev/zero of="$STATE_DIR/.fault-fill" bs=1M 2>/dev/null || true
  INJECTED=1; say "  filled inference-service's state dir ($(df --output=avail -h "$STATE_DIR" | tail -1 | tr -d ' ') left) at +$(($(date +%s) - T0)) s; kill -9 and restart it"
  deploy/stack.sh kill9 inference-service 2>/dev/null
  restart inference-service &
  local starting=$!
  sleep 25
  rm -f "$STATE_DIR/.fault-fill"
  say "  freed the state dir at +$(($(date +%s) - T0)) s"
  wait "$starting" || true
}
fault_disk_full_spool() { fill "$SPOOL_DIR" 20; }

fault_slow_consumer() {
  local dir=$1
  client slow-read "$BOOTSTRAP" "$dir/ids" "$(($(date +%s%3N) - 5000))" 240 100 > "$dir/slow.out" 2>&1 &
  sleep "$(between 2 6)"
  deploy/stack.sh signal STOP inference-service 2>/dev/null; INJECTED=1; say "  SIGSTOP the inference service for 30 s at +$(($(date +%s) - T0)) s"
  sleep 30
  deploy/stack.sh signal CONT inference-service 2>/dev/null
}

IFS=',' read -r -a WANTED <<< "$FAULTS"
for f in "${WANTED[@]}"; do
  fn="fault_${f//-/_}"
  if ! declare -F "$fn" >/dev/null; then say "unknown fault $f"; exit 2; fi
  run_fault "$f" "$fn"
  if [[ $f == slow-consumer ]]; then
    wait || true; say "  $(tail -1 "$TAGGER_LOCAL/faults/$f/slow.out")"
  fi
done

say "summary (seed $SEED, $TRACKS tracks per fault, $(($(date +%s) - T0)) s):"
for l in "${SUMMARY[@]}"; do echo "  $l"; done
if ((FAILED == 0)); then
  cleanup; trap - EXIT
  rm -rf "$TAGGER_LOCAL/kafka-data"
  say "PASSED (every accepted track tagged exactly once after each fault; every refusal said why)"
else
  say "FAILED ($FAILED fault kinds; data and logs in $TAGGER_LOCAL)"; exit 1
fi
