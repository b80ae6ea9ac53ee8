#!/usr/bin/env bash
# The local stack on one machine, no Docker: a real single-node KRaft Kafka broker (jars from
# Maven Central) and the three services. Logs, data and the ingest's upload spool (uploads/) in
# deploy/target/local/ (TAGGER_LOCAL).
#   deploy/stack.sh start [SERVICE...] | stop | status | kill9 SERVICE... | signal SIG SERVICE...
#   (start with no names starts the broker and all three services; with names, the broker and those)
# Environment: TAGGER_MODEL_DIR (default models/default), TAGGER_KAFKA_PORT (9092),
#   TAGGER_PARTITIONS (4), TAGGER_FEATURE_SETTINGS (from the model bundle).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCAL="${TAGGER_LOCAL:-$ROOT/deploy/target/local}"
LOGS="$LOCAL/logs"
PORT="${TAGGER_KAFKA_PORT:-9092}"
BOOTSTRAP="127.0.0.1:$PORT"
MODEL="${TAGGER_MODEL_DIR:-$ROOT/models/default}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
SERVICES=(ingest-service feature-service inference-service)
declare -A HTTP=([ingest-service]=8081 [feature-service]=8082 [inference-service]=8083)

log() { echo "stack: $*" >&2; }
pidfile() { echo "$LOCAL/$1.pid"; }
running() { local f; f=$(pidfile "$1"); [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null; }

build() {
  local need=0
  [[ -d "$ROOT/deploy/target/lib" ]] || need=1
  for s in "${SERVICES[@]}"; do [[ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]] || need=1; done
  if ((need)); then
    log "building the broker classpath and the services (first use)..."
    (cd "$ROOT" && ./mvnw -q -B install -DskipTests -pl deploy,ingest-service,feature-service,inference-service -am) >&2
  fi
}

start_broker() {
  if running kafka; then log "broker already up on $BOOTSTRAP"; return; fi
  mkdir -p "$LOCAL/kafka-data" "$LOGS"
  local props="$LOCAL/server.properties"
  # One network thread and two request handlers (Kafka's defaults: 3 and 8): on a laptop the broker
  # shares a few cores with three services, and every extra thread is one more to wake per request
  # (pipeline benchmark on 2 cores: broker 13.5 -> 11.5-12.6 ms of CPU per track).
  cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$((PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$((PORT + 1))
log.dirs=$LOCAL/kafka-data
num.partitions=4
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
message.max.bytes=4194304
num.network.threads=1
num.io.threads=2
PROPS
  local cp="$ROOT/deploy/target/lib/*"
  if [[ ! -f "$LOCAL/kafka-data/meta.properties" ]]; then
    local id; id=$("$JAVA" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
    "$JAVA" -cp "$cp" kafka.tools.StorageTool format --standalone -t "$id" -c "$props" >> "$LOGS/kafka.log" 2>&1
  fi
  # The throughput collector: every produce request of a track's segments (~1 MB) is a humongous
  # object to G1 at this heap size; broker + ingest alone on 2 cores, 3 runs each: the broker's CPU
  # per uploaded track 5.2 / 6.3 / 5.6 ms with G1, 4.7 / 4.8 / 4.2 with ParallelGC (5.0 with G1's
  # 4 MB regions). Its pauses mid-benchmark (jstat): young 5.7 ms on average, 2 full ones of 25 ms.
  # shellcheck disable=SC2086  # TAGGER_BROKER_JAVA_OPTS: extra JVM options for the broker (profiling)
  nohup "$JAVA" -Xmx1g -XX:+UseParallelGC ${TAGGER_BROKER_JAVA_OPTS:-} -cp "$cp" kafka.Kafka "$props" >> "$LOGS/kafka.log" 2>&1 &
  echo $! > "$(pidfile kafka)"
  for _ in $(seq 1 60); do
    if "$JAVA" -cp "$ROOT/deploy/target/tagger-deploy.jar:$cp" io.tagger.deploy.CreateTopics "$BOOTSTRAP" \
        "${TAGGER_PARTITIONS:-4}" 1 >> "$LOGS/kafka.log" 2>&1; then
      log "broker up on $BOOTSTRAP (topics ready)"; return
    fi
    sleep 1
  done
  log "the broker did not come up: see $LOGS/kafka.log"; exit 1
}

# The local stack's API keys: one uploader key, "local", made at first start. The services get the
# keys file (hashes); the key itself is in $LOCAL/api-key for the web page and ./tagger import.
ensure_keys() {
  if [[ ! -f "$LOCAL/api-keys" ]]; then
    local key; key="tgk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    (umask 077; printf '%s\n' "$key" > "$LOCAL/api-key")
    printf '# name role sha256(key); ./tagger keys new|revoke|list\nlocal uploader %s\n' \
      "$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)" > "$LOCAL/api-keys"
    log "API key for the web page and ./tagger import: $LOCAL/api-key"
  fi
}

start_service() {
  local s=$1
  if running "$s"; then log "$s already up"; return; fi
  local settings="${TAGGER_FEATURE_SETTINGS:-$(sed -n 's/.*"architecture" *: *"\([abc]\)".*/\1/p' "$MODEL/model.json" | head -1)}"
  local version; version=$(sed -n 's/^  "version" *: *"\([^"]*\)".*/\1/p' "$MODEL/model.json" | head -1)
  local name; name=$(sed -n 's/^  "name" *: *"\([^"]*\)".*/\1/p' "$MODEL/model.json" | head -1)
  if curl -s -o /dev/null "http://127.0.0.1:${HTTP[$s]}/" 2>/dev/null; then
    log "port ${HTTP[$s]} is taken by another process: stop it first"; exit 1
  fi
  (
    cd "$LOCAL"
    export KAFKA_BOOTSTRAP_SERVERS="$BOOTSTRAP" TAGGER_MODEL_DIR="$MODEL" TAGGER_FEATURE_SETTINGS="$settings" \
      TAGGER_INFERENCE_APP_ID="tagger-inference-$name-$version" TENSORFLOW_LIBRARY_PATH="$ROOT/serving/target/tensorflow-native" \
      TAGGER_API_KEYS_FILE="$LOCAL/api-keys" TAGGER_INFERENCE_URL="http://127.0.0.1:${HTTP[inference-service]}" \
      TF_CPP_MIN_LOG_LEVEL=2 ONEDNN_PRIMITIVE_CACHE_CAPACITY="${ONEDNN_PRIMITIVE_CACHE_CAPACITY:-8192}"
    # The JVM itself is backgrounded, so the pid file holds the JVM's pid (stop kills the service).
    # shellcheck disable=SC2086  # TAGGER_SERVICE_JAVA_OPTS: extra JVM options (@SERVICE@ becomes the name)
    nohup "$JAVA" -Xmx2g $(opts="${TAGGER_SERVICE_JAVA_OPTS:-}"; echo "${opts//@SERVICE@/$s}") -Djava.library.path="$ROOT/serving/target/tensorflow-native" -Dai.djl.offline=true \
      -Dorg.bytedeco.javacpp.cachedir="$LOCAL/javacpp" -Dkafka-streams.state.dir="$LOCAL/state/$s" \
      -Dquarkus.http.body.uploads-directory="$LOCAL/uploads" \
      -jar "$ROOT/$s/target/quarkus-app/quarkus-run.jar" >> "$LOGS/$s.log" 2>&1 &
    echo $! > "$(pidfile "$s")"
  )
}

wait_healthy() {
  for s in "$@"; do
    local ok=0
    for _ in $(seq 1 120); do
      if curl -fs "http://127.0.0.1:${HTTP[$s]}/q/health/ready" >/dev/null 2>&1; then ok=1; break; fi
      running "$s" || break
      sleep 1
    done
    if ((ok)); then log "$s ready on :${HTTP[$s]}"; else log "$s failed to start: see $LOGS/$s.log"; exit 1; fi
  done
}

stop_all() {
  for s in inference-service feature-service ingest-service kafka; do
    if running "$s"; then kill "$(cat "$(pidfile "$s")")" 2>/dev/null || true; fi
  done
  for s in inference-service feature-service ingest-service kafka; do
    local f; f=$(pidfile "$s")
    if [[ -f "$f" ]]; then
      for _ in $(seq 1 30); do kill -0 "$(cat "$f")" 2>/dev/null || break; sleep 1; done
      kill -9 "$(cat "$f")" 2>/dev/null || true
      rm -f "$f"
    fi
  done
  log "stopped"
}

case "${1:-status}" in
  start) shift; wanted=("$@"); ((${#wanted[@]})) || wanted=("${SERVICES[@]}")
         build; mkdir -p "$LOGS"; ensure_keys; start_broker; for s in "${wanted[@]}"; do start_service "$s"; done; wait_healthy "${wanted[@]}"
         echo "$BOOTSTRAP" ;;
  stop) stop_all ;;
  status) for s in kafka "${SERVICES[@]}"; do if running "$s"; then echo "$s: up"; else echo "$s: down"; fi; done ;;
  kill9) # fault injection: kill -9 the named services (e.g. feature-service inference-service; kafka: the broker)
         # waits until each is gone (SIGKILL is asynchronous; a start right after would see it "already up")
         shift; for s in "$@"; do if running "$s"; then kill -9 "$(cat "$(pidfile "$s")")"; log "killed -9 $s"; fi; done
         for s in "$@"; do for _ in $(seq 1 100); do running "$s" || break; sleep 0.1; done; done ;;
  signal) # fault injection: send a signal (STOP, CONT, KILL, ...) to the named services or the broker (kafka)
         shift; sig=$1; shift; for s in "$@"; do if running "$s"; then kill -s "$sig" "$(cat "$(pidfile "$s")")"; log "sent SIG$sig to $s"; fi; done ;;
  *) echo "usage: deploy/stack.sh start [SERVICE...] | stop | status | kill9 SERVICE... | signal SIG SERVICE..." >&2; exit 2 ;;
esac
