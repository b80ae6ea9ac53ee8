#!/usr/bin/env bash
# Regenerates schemas/strimzi-<version>/*.yaml: the CustomResourceDefinitions of the Strimzi
# resources this project deploys, made by Strimzi's own generator (io.strimzi:crd-generator) from
# Strimzi's API classes, exactly as Strimzi builds the CRDs it ships. The manifest tests validate
# the Kafka, KafkaNodePool, KafkaTopic and KafkaUser resources against their openAPIV3Schema.
# Strimzi 1.x is compiled for Java 21: set JAVA21_HOME (default: the Temurin 25 on these machines).
# Usage: k8s/schemas/generate-strimzi.sh [STRIMZI_VERSION=1.2.0]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VERSION="${1:-1.2.0}"
JAVA="${JAVA21_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tmp</groupId><artifactId>strimzi-crds</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>io.strimzi</groupId><artifactId>api</artifactId><version>$VERSION</version></dependency>
    <dependency><groupId>io.strimzi</groupId><artifactId>crd-generator</artifactId><version>$VERSION</version></dependency>
  </dependencies>
</project>
POM
"$HERE/../../mvnw" -q -B -f "$WORK/pom.xml" dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >&2
OUT="$HERE/strimzi-$VERSION"
mkdir -p "$OUT"
M=io.strimzi.api.kafka.model
"$JAVA" -cp "$(cat "$WORK/cp.txt")" io.strimzi.crdgenerator.CrdGenerator --yaml --crd-api-version v1 \
  --api-versions v1 --storage-version v1 \
  "$M.kafka.Kafka=$OUT/kafka.yaml" "$M.nodepool.KafkaNodePool=$OUT/kafkanodepool.yaml" \
  "$M.topic.KafkaTopic=$OUT/kafkatopic.yaml" "$M.user.KafkaUser=$OUT/kafkauser.yaml"
echo "schemas written to $OUT" >&2
