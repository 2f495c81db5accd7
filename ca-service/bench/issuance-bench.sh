#!/usr/bin/env bash
# Certificates issued/s by the CA's issuance code, in process, one thread, without the database, beside the raw
# ECDSA P-256 signatures/s of the same issuing CA key with the same provider, measured in the same run.
# Usage: ca-service/bench/issuance-bench.sh [--warmup 10] [--iterations 3] [--seconds 5]   (about 1 minute)
# The local issuing CA key is created in a temporary data directory; see IssuanceBenchmark for what is included.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE="ca-service/target/issuance-bench-classpath.txt"
./mvnw -q -B -pl ca-service -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/issuance-bench-classpath.txt
CP="ca-service/target/test-classes:ca-service/target/classes:$(cat "$CP_FILE")"
DATA=$(mktemp -d /tmp/semper-issuance-bench.XXXXXX)
trap 'rm -rf "$DATA"' EXIT
echo "Semper CA issuance benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" org.semper.ca.bench.IssuanceBenchmark --data "$DATA" "$@"
