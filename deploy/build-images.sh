#!/usr/bin/env bash
# Container images: assembles each image's build context under deploy/target/images/ (hard links,
# no copies of the 600 MB TensorFlow natives) and, where a container engine runs, builds them:
#   tagger/ingest-service, tagger/feature-service, tagger/inference-service (CPU),
#   tagger/inference-service-gpu (with --gpu), tagger/cli (the re-tag Job), tagger/model:<name>-<version>.
# Usage: deploy/build-images.sh [--assemble-only] [--gpu] [--model BUNDLE_DIR] [--registry PREFIX] [--push]
#   --gpu builds TensorFlow's GPU natives (-Pgpu) and the tagger/inference-service-gpu image.
# Without a container engine (as on the CI machines) it stops after assembling: every context
# then holds what its Dockerfile copies, which k8s/ DockerfilesTest checks.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/deploy/target/images"
ASSEMBLE_ONLY=0; GPU=0; GPU_CONTEXT=0; PUSH=0; REGISTRY="tagger"; MODEL="$ROOT/models/default"
while (($#)); do
  case "$1" in
    --assemble-only) ASSEMBLE_ONLY=1 ;;
    --gpu) GPU=1; GPU_CONTEXT=1 ;;
    --gpu-context) GPU_CONTEXT=1 ;;  # assemble the GPU context from the natives at hand (tests)
    --push) PUSH=1 ;;
    --registry) REGISTRY="$2"; shift ;;
    --model) MODEL="$(cd "$2" && pwd)"; shift ;;
    *) echo "usage: deploy/build-images.sh [--assemble-only] [--gpu] [--model BUNDLE_DIR] [--registry PREFIX] [--push]" >&2; exit 2 ;;
  esac
  shift
done
VERSION=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$ROOT/pom.xml" | head -1 | sed 's/-SNAPSHOT//')
json() { sed -n "s/^  \"$1\" *: *\"\([^\"]*\)\".*/\1/p" "$MODEL/model.json" | head -1; }
MODEL_TAG="$(json name)-$(json version)"

need=()
for m in ingest-service feature-service inference-service; do
  [[ -f "$ROOT/$m/target/quarkus-app/quarkus-run.jar" ]] || need+=("$m")
done
[[ -f "$ROOT/cli/target/tagger-cli.jar" ]] || need+=(cli)
if ((${#need[@]})); then
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl "$(IFS=,; echo "${need[*]}")" -am) >&2
fi
gpu_natives="$ROOT/serving/target/tensorflow-native"  # --gpu-context alone: the CPU natives stand in (layout checks)
if ((GPU)); then
  # TensorFlow's CUDA natives (the -Pgpu profile unpacks them to serving/target/tensorflow-native-gpu).
  (cd "$ROOT" && ./mvnw -q -B -Pgpu generate-resources -pl serving) >&2
  gpu_natives="$ROOT/serving/target/tensorflow-native-gpu"
fi

link() { mkdir -p "$(dirname "$2")"; cp -al "$1" "$2"; }  # hard links: same bytes, no copy
context() { # NAME DOCKERFILE
  local dir="$OUT/$1"; rm -rf "$dir"; mkdir -p "$dir"; cp "$2" "$dir/Dockerfile"; echo "$dir"
}
natives="$ROOT/serving/target/tensorflow-native"
d=$(context ingest-service "$ROOT/ingest-service/src/main/docker/Dockerfile.jvm"); link "$ROOT/ingest-service/target/quarkus-app" "$d/quarkus-app"
d=$(context feature-service "$ROOT/feature-service/src/main/docker/Dockerfile.jvm"); link "$ROOT/feature-service/target/quarkus-app" "$d/quarkus-app"
d=$(context inference-service "$ROOT/inference-service/src/main/docker/Dockerfile.jvm")
link "$ROOT/inference-service/target/quarkus-app" "$d/quarkus-app"; link "$natives" "$d/tensorflow-native"
if ((GPU_CONTEXT)); then
  d=$(context inference-service-gpu "$ROOT/inference-service/src/main/docker/Dockerfile.gpu")
  link "$ROOT/inference-service/target/quarkus-app" "$d/quarkus-app"; link "$gpu_natives" "$d/tensorflow-native"
fi
d=$(context cli "$ROOT/cli/src/main/docker/Dockerfile.jvm")
link "$ROOT/cli/target/tagger-cli.jar" "$d/tagger-cli.jar"; link "$ROOT/cli/target/lib" "$d/lib"; link "$natives" "$d/tensorflow-native"
d=$(context "model-$MODEL_TAG" "$ROOT/models/Dockerfile"); cp -r "$MODEL" "$d/model"; rm -f "$d/model/MODEL_CARD.md" "$d/model/"*.png

declare -A TAGS=([ingest-service]=$VERSION [feature-service]=$VERSION [inference-service]=$VERSION
                 [inference-service-gpu]=$VERSION [cli]=$VERSION ["model-$MODEL_TAG"]=$MODEL_TAG)
echo "build-images: contexts assembled in $OUT" >&2
if ((ASSEMBLE_ONLY)); then exit 0; fi
if ! docker info >/dev/null 2>&1; then
  echo "build-images: no container engine runs here; build the images from these contexts where one does" >&2
  exit 0
fi
for c in "$OUT"/*/; do
  name=$(basename "$c"); image="$REGISTRY/${name%%-"$MODEL_TAG"}"; [[ "$name" == model-* ]] && image="$REGISTRY/model"
  docker build -t "$image:${TAGS[$name]}" "$c"
  ((PUSH)) && docker push "$image:${TAGS[$name]}"
done
