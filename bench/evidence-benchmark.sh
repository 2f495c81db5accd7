#!/usr/bin/env bash
# Evidence and transparency-log benchmark: prints each figure beside a baseline measured in the same run.
#   1. statement validations/s vs raw ECDSA verifications/s of the same key
#   2. log appends/s with the sequencer on vs plain INSERTs of the same rows
#   3. inclusion/consistency proof time at 10^5 and 10^6 entries vs one node lookup (should grow as log n)
# Usage: bench/evidence-benchmark.sh [MAX_ENTRIES]   (default 1000000; takes about 4 minutes)
# Uses a real embedded PostgreSQL (fsync on) in a temporary directory; nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX="${1:-1000000}"
CP_FILE="tsa-service/target/evidence-bench-classpath.txt"
./mvnw -q -B -pl tsa-service -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/evidence-bench-classpath.txt
CP="tsa-service/target/test-classes:tsa-service/target/classes:$(cat "$CP_FILE")"
echo "Semper evidence benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
exec java -Xmx4g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" org.semper.tsa.bench.EvidenceBenchmark "$MAX"
