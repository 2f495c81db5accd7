#!/usr/bin/env bash
# Verdict benchmark: verdict time for case bundles of 10, 100 and 1000 items against the raw ECDSA verifications the
# same statements need, measured in the same run (org.semper.evidence.verdict.VerdictBenchmark). About a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
CP_FILE="evidence/target/verdict-bench-classpath.txt"
./mvnw -q -B -pl evidence -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/verdict-bench-classpath.txt
CP="evidence/target/test-classes:evidence/target/classes:$(cat "$CP_FILE")"
echo "Semper verdict benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
exec java -Xmx2g -cp "$CP" org.semper.evidence.verdict.VerdictBenchmark
