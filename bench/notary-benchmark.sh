#!/usr/bin/env bash
# Fair-exchange notary benchmark: durable decisions/s and p50/p99 latency at fixed concurrency over HTTP, beside the
# raw cost of the signatures each decision needs (verify 2-3 ECDSA P-256 + sign 1, same keys and providers), measured
# in the same run. See docs/benchmarks.md, "Fair-exchange notary".
#
#   bench/notary-benchmark.sh
#
# Builds the packaged notary and the test classes (Maven, ~2 minutes), then runs
# org.semper.notary.bench.NotaryBenchmark: one notary process (the packaged app, local profile) on an embedded
# PostgreSQL with fsync on, a CA for the parties in the benchmark JVM, everything on 127.0.0.1 in a temporary
# directory, stopped on exit. About 3 minutes after the build on 2 cores. Knobs (environment):
#   BENCH_CLIENTS="16,64"     closed-loop client counts, one run each
#   BENCH_DECISIONS=6000      decisions per run (each a new exchange; signed before the run)
#   BENCH_WARMUP=4000         decisions before the first run (JIT)
#   BENCH_SECONDS=5           length of each of the 3 baseline rounds (median reported)
#   BENCH_SKIP_BUILD=1        no Maven (jar, test classes and classpath file must exist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODULE=fair-exchange-notary
CP_FILE="$MODULE/target/bench-classpath.txt"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -pl "$MODULE" -am package dependency:build-classpath -DskipTests -DincludeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
fi
[ -f "$MODULE/target/quarkus-app/quarkus-run.jar" ] || { echo "missing $MODULE/target/quarkus-app/quarkus-run.jar" >&2; exit 1; }
[ -f "$CP_FILE" ] || { echo "missing $CP_FILE (run without BENCH_SKIP_BUILD)" >&2; exit 1; }
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"

echo "Semper notary benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx3g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dsemper.notary.module-dir="$MODULE" \
  -Dbench.clients="${BENCH_CLIENTS:-16,64}" -Dbench.decisions="${BENCH_DECISIONS:-6000}" \
  -Dbench.warmup="${BENCH_WARMUP:-4000}" -Dbench.seconds="${BENCH_SECONDS:-5}" \
  -cp "$CP" org.semper.notary.bench.NotaryBenchmark
