#!/usr/bin/env bash
# Certified-mail benchmark: relay submissions/s and MiB/s for 10 KiB and 10 MiB messages, and optimistic resolves/s,
# over HTTP against the packaged service, each beside a baseline measured in the same run (the raw crypto of the
# operation as a capacity of this machine; raw PostgreSQL large-object writes of the same bytes). See
# docs/benchmarks.md, "Certified mail".
#
#   bench/mail-benchmark.sh
#
# Builds the packaged service and the test classes (Maven, ~2 minutes), then runs
# org.semper.mail.bench.MailBenchmark: one certified-mail process (the packaged app, local profile) on an embedded
# PostgreSQL with fsync on, a CA for the parties in the benchmark JVM, everything on 127.0.0.1 in a temporary
# directory, stopped on exit. Knobs (environment):
#   BENCH_CLIENTS=8        closed-loop clients
#   BENCH_SMALL=2000       10 KiB submissions (after a quarter as many for warm-up)
#   BENCH_LARGE=24         10 MiB submissions (after a quarter as many for warm-up)
#   BENCH_RESOLVES=3000    resolves (after min(1000, half as many) for warm-up)
#   BENCH_SECONDS=3        length of each of the 3 baseline rounds (median reported)
#   BENCH_SKIP_BUILD=1     no Maven (jar, test classes and classpath file must exist)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODULE=certified-mail-service
CP_FILE="$MODULE/target/bench-classpath.txt"

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -pl "$MODULE" -am package dependency:build-classpath -DskipTests -DincludeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
fi
[ -f "$MODULE/target/quarkus-app/quarkus-run.jar" ] || { echo "missing $MODULE/target/quarkus-app/quarkus-run.jar" >&2; exit 1; }
[ -f "$CP_FILE" ] || { echo "missing $CP_FILE (run without BENCH_SKIP_BUILD)" >&2; exit 1; }
CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CP_FILE")"

echo "Semper certified-mail benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -Xmx3g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dsemper.mail.module-dir="$MODULE" \
  -Dbench.clients="${BENCH_CLIENTS:-8}" -Dbench.small="${BENCH_SMALL:-2000}" -Dbench.large="${BENCH_LARGE:-24}" \
  -Dbench.resolves="${BENCH_RESOLVES:-3000}" -Dbench.seconds="${BENCH_SECONDS:-3}" \
  -cp "$CP" org.semper.mail.bench.MailBenchmark
