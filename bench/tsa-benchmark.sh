#!/usr/bin/env bash
# Semper TSA benchmark: one command, three measurements side by side, one table. See docs/benchmarks.md.
#
#   bench/tsa-benchmark.sh
#
# 1. In-process limit, one thread, the TSA's own key (no HTTP, no database): raw signatures/s with the provider the
#    TSA signs with (ACCP if it loads), and full tokens/s (parse -> rules -> TimeStampTokenSigner -> DER reply).
# 2. End to end over HTTP: wrk against the packaged TSA on the local profile (embedded PostgreSQL, fsync on, every
#    token committed before its reply); row count of issued_token checked after each run; one reply verified with
#    `openssl ts -verify`.
# 3. Baseline peer: the same wrk load against a CGI-style TSA forking `openssl ts -reply` per request, with the same
#    key and certificate (bench/openssl-cgi-tsa.py).
#
# Needs: java 17, wrk (apt-get install wrk), openssl, curl, python3; psql is used if present (else a JDBC one-liner).
# Everything runs on 127.0.0.1, in a fresh temporary SEMPER_DATA_DIR, on free ports; everything started is stopped
# on exit (also on Ctrl-C). About 3.5 minutes. Knobs (environment):
#   BENCH_CONNECTIONS=64      headline wrk concurrency (TSA and CGI peer)
#   BENCH_SWEEP="16 128"      further TSA concurrencies, BENCH_SWEEP_SECONDS=10 each ("" to skip)
#   BENCH_SECONDS=20          headline wrk duration;  BENCH_WARMUP_SECONDS=15  TSA warm-up (JIT) before it
#   BENCH_WRK_THREADS=2       wrk -t
#   BENCH_INPROCESS_ARGS=""   extra arguments for InProcessTsaBenchmark (e.g. "--breakdown")
#   BENCH_SKIP_BUILD=1        do not run Maven (the jar and test classes must exist, classpath cached)
#   BENCH_PARTS="inprocess http cgi"  run only some parts (e.g. BENCH_PARTS=http for a quick look at the service)
#   BENCH_TSA_JAVA_OPTS=""    extra JVM/Quarkus options for the TSA (e.g. -Dsemper.tsa.recording.writers=4)
#   BENCH_KEEP=1              keep the temporary directory (logs, keys, replies) for inspection
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONNECTIONS="${BENCH_CONNECTIONS:-64}"
SWEEP="${BENCH_SWEEP-16 128}"
SWEEP_SECONDS="${BENCH_SWEEP_SECONDS:-10}"
SECONDS_MAIN="${BENCH_SECONDS:-20}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-15}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
TSA_JAR="tsa-service/target/quarkus-app/quarkus-run.jar"
CLASSPATH_FILE="tsa-service/target/bench-classpath.txt"
PARTS=" ${BENCH_PARTS:-inprocess http cgi} "
part() { [[ "$PARTS" == *" $1 "* ]]; }
BACKGROUND="" BACKGROUND_INPROCESS="" PER_TOKEN="" RAW="" TOKENS="" TOKENS_MT="" PROVIDER="" HTTP_RPS="" HTTP_P50="" HTTP_P99="" CGI_RPS="" CGI_P50="" CGI_P99=""
POLICY="2.25.188275235062921027922333434984253209493" # TsaConfig.SEMPER_DEFAULT_POLICY

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
info() { printf '  %s\n' "$*"; }
die() { echo "tsa-benchmark: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required: $2"; }

need wrk "apt-get install wrk"
need openssl "apt-get install openssl"
need java "a Java 17 JDK (apt-get install openjdk-17-jdk-headless)"
need curl "apt-get install curl"
need python3 "apt-get install python3"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/semper-tsa-bench.XXXXXX")"
DATA="$WORK/data"
TSA_PID=""
CHILD_PID=""
CGI_PID=""
PG_DIR="$DATA/tsa-service/postgres"

stop_pid() { # pid, seconds to wait after SIGTERM
  local pid="$1" wait_s="$2"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((wait_s * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

stop_tsa() {
  stop_pid "$TSA_PID" 40
  TSA_PID=""
CHILD_PID=""
  # The TSA stops its embedded PostgreSQL on shutdown; if the JVM had to be killed, stop the server it started.
  if [ -f "$PG_DIR/postmaster.pid" ]; then
    local pg
    pg="$(head -1 "$PG_DIR/postmaster.pid" | tr -dc 0-9)"
    if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null && grep -q postgres "/proc/$pg/comm" 2>/dev/null; then
      kill -INT "$pg" 2>/dev/null || true # fast shutdown
      for _ in $(seq 1 100); do kill -0 "$pg" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$CHILD_PID" ]; then stop_pid "$CHILD_PID" 5; fi
  if [ -n "$CGI_PID" ]; then stop_pid "$CGI_PID" 5; fi
  stop_tsa
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "tsa-benchmark: kept $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a long command in the background and waits for it. wrk and the JVMs catch Ctrl-C and exit normally, and bash
# then ignores the Ctrl-C it saw while they ran in the foreground; `wait` on a background child is interrupted by it,
# so the INT trap runs, and cleanup stops the child.
bg_wait() {
  "$@" &
  CHILD_PID=$!
  local rc=0
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  return "$rc"
}

quiet_note() { LC_ALL=C awk -v x="$1" 'BEGIN { print (x <= 0.05 ? "quiet" : "NOT quiet: other work distorted the figures, re-run") }'; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Value of key=value in the last line starting with $1 of file $3.
field() { # prefix, key, file
  awk -v p="$1" -v k="$2" '$1 == p { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) v = substr($i, length(k) + 2) } END { print v }' "$3"
}

fmt_int() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); r = ""; while (length(s) > 3) { r = "," substr(s, length(s) - 2) r; s = substr(s, 1, length(s) - 3) } print s r }'; }
ms() { LC_ALL=C awk -v us="$1" 'BEGIN { if (us == "") print "-"; else printf (us < 10000 ? "%.2f ms" : "%.0f ms"), us / 1000 }'; }
ratio() { LC_ALL=C awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }'; }

ticks() { # utime+stime of a process, 0 if gone
  [ -r "/proc/$1/stat" ] && awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
pg_ticks() { # the embedded PostgreSQL: postmaster (incl. reaped children) + live backends
  local pm total=0 c
  pm="$(head -1 "$PG_DIR/postmaster.pid" 2>/dev/null | tr -dc 0-9)"
  [ -n "$pm" ] || { echo 0; return; }
  total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pm/stat" 2>/dev/null || echo 0)
  for c in $(ps -o pid= --ppid "$pm" 2>/dev/null || true); do total=$((total + $(ticks "$c"))); done
  echo "$total"
}
children_cpu() { # sets CHILDREN_MS: user+system CPU of this shell's finished children (bash `times`, line 2), in ms
  times >"$WORK/times.txt" # the builtin in this shell (a $(...) subshell would report its own, empty, children)
  CHILDREN_MS="$(sed -n 2p "$WORK/times.txt" | LC_ALL=C awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%.0f", t * 1000 }')"
}
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; } # busy idle

# ---------------------------------------------------------------------------------------------------------------
say "Machine"
CPU_MODEL="$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
MEM_GIB="$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
JAVA_VERSION="$(java -version 2>&1 | sed -n 2p)"
RUN_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
info "date:      $RUN_DATE"
info "cpu:       $(nproc) x $CPU_MODEL"
info "memory:    $MEM_GIB GiB"
info "java:      $JAVA_VERSION"
info "kernel:    $(uname -sr);  wrk: $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }');  $(openssl version)"
info "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (anything well above 0 means other work shares these cores)"
FSYNC_MS="$(python3 - "$WORK" <<'PY'
import os, sys, time
path = os.path.join(sys.argv[1], "fsync-probe")
fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
times = []
for i in range(200):
    os.pwrite(fd, os.urandom(8192), (i % 16) * 8192)
    t = time.perf_counter(); os.fdatasync(fd); times.append(time.perf_counter() - t)
os.close(fd); os.unlink(path)
times.sort()
print("%.2f %.2f" % (1000 * times[len(times) // 2], 1000 * times[int(len(times) * 0.99)]))
PY
)"
info "fsync:     8 KiB write + fdatasync in ${TMPDIR:-/tmp}: median ${FSYNC_MS% *} ms, p99 ${FSYNC_MS#* } ms (a commit costs at least one)"

# ---------------------------------------------------------------------------------------------------------------
say "Build"
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f "$TSA_JAR" ]; then
    info "$TSA_JAR missing: ./mvnw -q -B -DskipTests install"
    bg_wait ./mvnw -q -B -DskipTests install
  fi
  info "test classes and test classpath of tsa-service (reactor: sibling modules from their target/ folders)"
  bg_wait ./mvnw -q -B -pl tsa-service -am test-compile dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
fi
[ -f "$TSA_JAR" ] || die "$TSA_JAR missing (run without BENCH_SKIP_BUILD)"
[ -f "$CLASSPATH_FILE" ] || die "$CLASSPATH_FILE missing (run without BENCH_SKIP_BUILD)"
BENCH_CP="tsa-service/target/test-classes:tsa-service/target/classes:$(cat "$CLASSPATH_FILE")"
PG_JARS=(tsa-service/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar)
PG_JAR="${PG_JARS[0]}"
info "jar: $TSA_JAR;  data: $DATA (fresh)"

# A fixed request, as a typical client sends it: SHA-256 imprint, nonce, certReq.
openssl rand -out "$WORK/document.bin" 4096
openssl ts -query -data "$WORK/document.bin" -sha256 -cert -out "$WORK/request.tsq" 2>/dev/null
export TSA_REQUEST="$WORK/request.tsq"

BENCH_JAVA=(java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$BENCH_CP" org.semper.tsa.bench.InProcessTsaBenchmark)
if ! part inprocess; then # the other parts still need the TSA's key, made as the local profile makes it
  bg_wait "${BENCH_JAVA[@]}" --data "$DATA" --prepare-only >/dev/null
fi

# ---------------------------------------------------------------------------------------------------------------
if part inprocess; then
say "1. In-process limit (one thread, no HTTP, no database): the TSA's key, generated in $DATA"
# shellcheck disable=SC2086
info "(about 65 s)"
: >"$WORK/inprocess.txt"
children_cpu
ip_cpu0="$CHILDREN_MS"; ip_t0="$(date +%s.%N)"; read -r ip_busy0 _ < <(machine_ticks)
"${BENCH_JAVA[@]}" --data "$DATA" --request "$WORK/request.tsq" --threads "$(nproc)" ${BENCH_INPROCESS_ARGS:-} \
  >"$WORK/inprocess.txt" 2>&1 &
CHILD_PID=$!
tail -n +1 -f --pid="$CHILD_PID" "$WORK/inprocess.txt" | grep --line-buffered -v '^RESULT' | sed -u 's/^/  /'
inprocess_rc=0
wait "$CHILD_PID" || inprocess_rc=$?
CHILD_PID=""
[ "$inprocess_rc" = 0 ] || die "the in-process benchmark failed (exit $inprocess_rc)"
children_cpu
read -r ip_busy1 _ < <(machine_ticks)
BACKGROUND_INPROCESS="$(LC_ALL=C awk -v busy=$((ip_busy1 - ip_busy0)) -v own=$((CHILDREN_MS - ip_cpu0)) \
  -v t0="$ip_t0" -v t1="$(date +%s.%N)" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { o = (busy / hz - own / 1000) / (t1 - t0); printf "%.2f", (o < 0 ? 0 : o) }')"
info "CPU used by other processes during the in-process part: $BACKGROUND_INPROCESS cores"
RAW="$(field RESULT raw_sign_per_s "$WORK/inprocess.txt")"
TOKENS="$(field RESULT tokens_per_s "$WORK/inprocess.txt")"
TOKENS_MT="$(field RESULT tokens_mt_per_s "$WORK/inprocess.txt")"
PROVIDER="$(field RESULT provider "$WORK/inprocess.txt")"
[ -n "$RAW" ] && [ -n "$TOKENS" ] || die "the in-process benchmark printed no result"
fi

# ---------------------------------------------------------------------------------------------------------------
if part http; then
say "2. End to end: the packaged TSA, local profile (embedded PostgreSQL, fsync on), durable record of every token"
TSA_PORT="$(free_port)"
TSA_URL="http://127.0.0.1:$TSA_PORT"
TSA_LOG="$WORK/tsa-service.log"
# shellcheck disable=SC2086
SEMPER_DATA_DIR="$DATA" QUARKUS_PROFILE=local java ${BENCH_TSA_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.http.port="$TSA_PORT" -jar "$TSA_JAR" >"$TSA_LOG" 2>&1 &
TSA_PID=$!
ready=0
for _ in $(seq 1 240); do
  if curl -fsS "$TSA_URL/q/health/ready" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 "$TSA_PID" 2>/dev/null || { tail -30 "$TSA_LOG" >&2; die "the TSA exited during startup (log above)"; }
  sleep 0.25
done
[ "$ready" = 1 ] || { tail -30 "$TSA_LOG" >&2; die "the TSA was not ready after 60 s"; }
JDBC_URL="$(grep -m1 -o 'jdbc:postgresql://127.0.0.1:[0-9]*/tsa' "$TSA_LOG" || true)"
[ -n "$JDBC_URL" ] || die "no 'PostgreSQL: jdbc:...' line in $TSA_LOG"
PG_PORT="$(echo "$JDBC_URL" | sed 's#.*127.0.0.1:\([0-9]*\)/.*#\1#')"
info "TSA pid $TSA_PID on $TSA_URL/tsa;  database $JDBC_URL (user postgres)"

if command -v psql >/dev/null 2>&1; then
  sql() { PGCONNECT_TIMEOUT=10 psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d tsa -XAtqc "$1"; }
  info "row counts and settings via psql"
else
  cat >"$WORK/Sql.java" <<'JAVA'
import java.sql.*;
public class Sql {
    public static void main(String[] a) throws Exception {
        try (Connection c = DriverManager.getConnection(a[0], "postgres", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(a[1])) { r.next(); System.out.println(r.getString(1)); }
    }
}
JAVA
  sql() { java -cp "$PG_JAR" "$WORK/Sql.java" "$JDBC_URL" "$1"; }
  info "row counts and settings via JDBC (psql not installed)"
fi
info "PostgreSQL: fsync=$(sql 'SHOW fsync'), synchronous_commit=$(sql 'SHOW synchronous_commit'), $(sql 'SELECT version()' | cut -d' ' -f1-2)"

# One reply, verified by OpenSSL against the local trust anchor (imprint and nonce from the request).
curl -fsS -H 'Content-Type: application/timestamp-query' --data-binary @"$WORK/request.tsq" \
  -o "$WORK/semper.tsr" "$TSA_URL/tsa"
curl -fsS "$TSA_URL/tsa/certs" -o "$WORK/chain.pem"
awk '/BEGIN CERT/ { n++ } n == 1' "$WORK/chain.pem" >"$WORK/tsa-cert-from-service.pem"
if openssl ts -verify -queryfile "$WORK/request.tsq" -in "$WORK/semper.tsr" -CAfile "$DATA/local-ca/root.pem" \
    -untrusted "$WORK/tsa-cert-from-service.pem" >"$WORK/verify.txt" 2>&1; then
  info "openssl ts -verify -queryfile of one reply ($(wc -c <"$WORK/semper.tsr") bytes): $(grep -m1 Verification "$WORK/verify.txt")"
else
  cat "$WORK/verify.txt" >&2; die "openssl ts -verify rejected the TSA's reply"
fi

metric() { # sum of a Prometheus sample (first match) from /q/metrics
  { curl -fsS "$TSA_URL/q/metrics" 2>/dev/null || true; } \
    | awk -v m="$1" '$1 == m || index($1, m "{") == 1 { s += $NF } END { printf "%.6f", s + 0 }'
}

# run_wrk LABEL CONNECTIONS SECONDS URL [extra wrk args]: prints the summary; leaves WRK_RESULT in $WORK/LABEL.txt
run_wrk() {
  local label="$1" c="$2" d="$3" url="$4"
  shift 4
  children_cpu
  local cpu0="$CHILDREN_MS"
  bg_wait wrk -t"$WRK_THREADS" -c"$c" -d"${d}s" --latency "$@" -s bench/tsa-post.lua "$url" >"$WORK/$label.txt" 2>&1 \
    || { cat "$WORK/$label.txt" >&2; die "wrk failed ($label)"; }
  children_cpu
  WRK_CPU_MS=$((CHILDREN_MS - cpu0))
  local f="$WORK/$label.txt" non2xx socket
  non2xx="$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$f" | grep -o '[0-9]*$' || echo 0)"
  socket="$(grep 'Socket errors' "$f" | sed 's/^ *//' || true)"
  printf '  %-16s c=%-4s %3ss: %9s req/s   p50 %-9s p99 %-9s  completed %-8s non-2xx %s%s\n' "$label" "$c" "$d" \
    "$(fmt_int "$(field WRK_RESULT rps "$f")")" "$(ms "$(field WRK_RESULT p50_us "$f")")" \
    "$(ms "$(field WRK_RESULT p99_us "$f")")" "$(field WRK_RESULT requests "$f")" "$non2xx" "${socket:+  ($socket)}"
  [ "$non2xx" = 0 ] && [ "$(field WRK_RESULT err_status "$f")" = 0 ] || die "$label: non-2xx responses (see above)"
}

# tsa_run LABEL CONNECTIONS SECONDS: wrk against the TSA + durability check (rows committed >= replies received).
tsa_run() {
  local label="$1" before after completed
  before="$(sql 'SELECT count(*) FROM issued_token')"
  run_wrk "$@" "$TSA_URL/tsa"
  sleep 1 # replies in flight when wrk stopped are still committed; let them land before counting
  after="$(sql 'SELECT count(*) FROM issued_token')"
  completed="$(field WRK_RESULT requests "$WORK/$label.txt")"
  if [ $((after - before)) -ge "$completed" ]; then
    info "                 durable: issued_token +$((after - before)) rows >= $completed replies received"
  else
    die "$label: issued_token grew by $((after - before)) rows but wrk received $completed replies"
  fi
}

info ""
info "wrk -t$WRK_THREADS --latency -s bench/tsa-post.lua $TSA_URL/tsa  (POST of a fixed $(wc -c <"$WORK/request.tsq")-byte request)"
tsa_run tsa-warmup "$CONNECTIONS" "$WARMUP_SECONDS"
# Headline run, with CPU accounting and the recorder's group-commit metrics around it.
m_bsum0="$(metric semper_tsa_record_batch_size_sum)"; m_bcnt0="$(metric semper_tsa_record_batch_size_count)"
m_csum0="$(metric semper_tsa_record_commit_seconds_sum)"
t_tsa0="$(ticks "$TSA_PID")"; t_pg0="$(pg_ticks)"; read -r m_busy0 m_idle0 < <(machine_ticks)
tsa_run tsa "$CONNECTIONS" "$SECONDS_MAIN"
wrk_ms="$WRK_CPU_MS"
t_tsa1="$(ticks "$TSA_PID")"; t_pg1="$(pg_ticks)"; read -r m_busy1 m_idle1 < <(machine_ticks)
m_bsum1="$(metric semper_tsa_record_batch_size_sum)"; m_bcnt1="$(metric semper_tsa_record_batch_size_count)"
m_csum1="$(metric semper_tsa_record_commit_seconds_sum)"
for c in $SWEEP; do
  if [ "$c" != "$CONNECTIONS" ]; then tsa_run "tsa-c$c" "$c" "$SWEEP_SECONDS"; fi
done
REJECTED="$(metric semper_tsa_requests_rejected_total)"
LC_ALL=C awk -v tsa=$((t_tsa1 - t_tsa0)) -v pg=$((t_pg1 - t_pg0)) -v busy=$((m_busy1 - m_busy0)) -v wrkms="$wrk_ms" \
  -v rps="$(field WRK_RESULT rps "$WORK/tsa.txt")" \
  -v idle=$((m_idle1 - m_idle0)) -v d="$SECONDS_MAIN" -v hz="$(getconf CLK_TCK)" \
  -v bs=$(LC_ALL=C awk -v a="$m_bsum0" -v b="$m_bsum1" 'BEGIN { print b - a }') \
  -v bc=$(LC_ALL=C awk -v a="$m_bcnt0" -v b="$m_bcnt1" 'BEGIN { print b - a }') \
  -v cs=$(LC_ALL=C awk -v a="$m_csum0" -v b="$m_csum1" 'BEGIN { print b - a }') 'BEGIN {
    w = wrkms / 1000 * hz; other = busy - tsa - pg - w; if (other < 0) other = 0
    printf "  CPU during the c=%s run, in cores: TSA JVM %.2f, PostgreSQL %.2f, wrk %.2f, other processes %.2f, idle %.2f\n", \
      "'"$CONNECTIONS"'", tsa / hz / d, pg / hz / d, w / hz / d, other / hz / d, idle / hz / d
    if (rps > 0) printf "  CPU per token: TSA JVM %.0f us, PostgreSQL %.0f us, wrk %.0f us\n", \
      1e6 * tsa / hz / d / rps, 1e6 * pg / hz / d / rps, 1e6 * w / hz / d / rps
    if (bc > 0) printf "  group commit: %d transactions (%.0f/s), %.1f tokens per commit, %.2f ms per commit (semper_tsa_record_*)\n", \
      bc, bc / d, bs / bc, 1000 * cs / bc
    printf "BACKGROUND %.2f\nPERTOKEN %.0f %.0f %.0f\n", other / hz / d, 1e6 * tsa / hz / d / rps, 1e6 * pg / hz / d / rps, 1e6 * w / hz / d / rps
  }' >"$WORK/cpu.txt"
grep -v -E '^(BACKGROUND|PERTOKEN) ' "$WORK/cpu.txt"
BACKGROUND="$(awk '$1 == "BACKGROUND" { print $2 }' "$WORK/cpu.txt")"
PER_TOKEN="$(awk '$1 == "PERTOKEN" { printf "TSA JVM %s us + PostgreSQL %s us + wrk %s us", $2, $3, $4 }' "$WORK/cpu.txt")"
info "rejected requests (semper_tsa_requests_rejected_total): ${REJECTED%.*}"
[ "${REJECTED%.*}" = 0 ] || die "the TSA rejected requests during the benchmark (see $TSA_LOG)"
HTTP_RPS="$(field WRK_RESULT rps "$WORK/tsa.txt")"
HTTP_P50="$(field WRK_RESULT p50_us "$WORK/tsa.txt")"
HTTP_P99="$(field WRK_RESULT p99_us "$WORK/tsa.txt")"
stop_tsa
info "TSA stopped (issued_token and the log are in $WORK until exit)"
fi

# ---------------------------------------------------------------------------------------------------------------
if part cgi; then
say "3. Baseline peer: CGI-style TSA, one 'openssl ts -reply' process per request, same key and certificate"
PEER="$WORK/openssl-tsa"
mkdir -p "$PEER/scratch"
P12="$DATA/tsa-service/keys/tsa.p12"
openssl pkcs12 -in "$P12" -passin "file:$P12.pass" -nodes -nocerts -out "$PEER/tsa-key.pem" 2>/dev/null
openssl pkcs12 -in "$P12" -passin "file:$P12.pass" -nokeys -clcerts -out "$PEER/tsa-cert.pem" 2>/dev/null
chmod 600 "$PEER/tsa-key.pem"
if [ -f "$WORK/tsa-cert-from-service.pem" ]; then
  cmp -s <(openssl x509 -in "$PEER/tsa-cert.pem" -outform DER) <(openssl x509 -in "$WORK/tsa-cert-from-service.pem" -outform DER) \
    || die "the certificate exported from $P12 is not the one the TSA served"
fi
cat >"$PEER/openssl-tsa.cnf" <<CNF
# openssl ts -reply configuration matching Semper's defaults: policy, SHA-2 imprints, 1 s accuracy, millisecond
# genTime, TSA name, ESSCertIDv2 with SHA-256, chain (TSA certificate + root) when the request asks for it.
[ tsa_bench ]
serial                 = \$ENV::TSA_SERIAL
signer_cert            = $PEER/tsa-cert.pem
certs                  = $DATA/local-ca/root.pem
signer_key             = $PEER/tsa-key.pem
signer_digest          = sha256
default_policy         = $POLICY
digests                = sha256, sha384, sha512
accuracy               = secs:1
clock_precision_digits = 3
ordering               = no
tsa_name               = yes
ess_cert_id_chain      = no
ess_cert_id_alg        = sha256
CNF
CGI_PORT="$(free_port)"
python3 bench/openssl-cgi-tsa.py "$PEER/openssl-tsa.cnf" tsa_bench "$CGI_PORT" "$PEER/scratch" >"$WORK/cgi.log" 2>&1 &
CGI_PID=$!
for _ in $(seq 1 40); do
  curl -s -o /dev/null "http://127.0.0.1:$CGI_PORT/" 2>/dev/null && break
  kill -0 "$CGI_PID" 2>/dev/null || { cat "$WORK/cgi.log" >&2; die "the CGI-style TSA did not start"; }
  sleep 0.25
done
curl -fsS -H 'Content-Type: application/timestamp-query' --data-binary @"$WORK/request.tsq" \
  -o "$WORK/openssl.tsr" "http://127.0.0.1:$CGI_PORT/tsa"
if openssl ts -verify -queryfile "$WORK/request.tsq" -in "$WORK/openssl.tsr" -CAfile "$DATA/local-ca/root.pem" \
    -untrusted "$PEER/tsa-cert.pem" >"$WORK/verify-cgi.txt" 2>&1; then
  info "openssl ts -verify -queryfile of one reply ($(wc -c <"$WORK/openssl.tsr") bytes): $(grep -m1 Verification "$WORK/verify-cgi.txt")"
else
  cat "$WORK/verify-cgi.txt" >&2; die "openssl ts -verify rejected the CGI peer's reply"
fi
info "python3 bench/openssl-cgi-tsa.py on http://127.0.0.1:$CGI_PORT/tsa (ThreadingHTTPServer, fork+exec per request)"
run_wrk cgi "$CONNECTIONS" "$SECONDS_MAIN" "http://127.0.0.1:$CGI_PORT/tsa" --timeout 10s
CGI_RPS="$(field WRK_RESULT rps "$WORK/cgi.txt")"
CGI_P50="$(field WRK_RESULT p50_us "$WORK/cgi.txt")"
CGI_P99="$(field WRK_RESULT p99_us "$WORK/cgi.txt")"
stop_pid "$CGI_PID" 5
CGI_PID=""
fi

# ---------------------------------------------------------------------------------------------------------------
say "Results"
info "$RUN_DATE; $(nproc) x $CPU_MODEL, $MEM_GIB GiB; $JAVA_VERSION; load avg now $(cut -d' ' -f1-3 /proc/loadavg)"
info "key: ECDSA P-256 (local profile), provider $PROVIDER; wrk -t$WRK_THREADS -c$CONNECTIONS -d${SECONDS_MAIN}s; wrk, TSA and database share the cores"
printf '\n  %-58s %12s  %s\n' "figure" "per second" "ratio / latency"
printf '  %-58s %12s  %s\n' "----------------------------------------------------------" "------------" "--------------------------"
row() { printf '  %-58s %12s  %s\n' "$1" "$2" "$3"; }
num() { if [ -n "$1" ]; then fmt_int "$1"; else echo "-"; fi; }
row "in-process, 1 thread: raw signatures (${PROVIDER/AmazonCorrettoCryptoProvider/ACCP})" "$(num "$RAW")" "baseline"
row "in-process, 1 thread: tokens (parse+rules+sign+DER reply)" "$(num "$TOKENS")" "$(ratio "$TOKENS" "$RAW") x raw signatures"
if [ -n "$TOKENS_MT" ]; then
  printf '  %-58s %12s  %s\n' "in-process, $(nproc) threads: tokens" "$(fmt_int "$TOKENS_MT")" "$(ratio "$TOKENS_MT" "$TOKENS") x 1 thread"
fi
row "HTTP, Semper TSA, every token committed (c=$CONNECTIONS)" "$(num "$HTTP_RPS")" \
  "$(ratio "$HTTP_RPS" "$TOKENS") x in-process tokens; p50 $(ms "$HTTP_P50"), p99 $(ms "$HTTP_P99")"
row "HTTP, CGI openssl ts -reply, no record (c=$CONNECTIONS)" "$(num "$CGI_RPS")" "p50 $(ms "$CGI_P50"), p99 $(ms "$CGI_P99")"
row "Semper / CGI openssl" "$(ratio "$HTTP_RPS" "$CGI_RPS") x" ""
for c in $SWEEP; do
  if [ -f "$WORK/tsa-c$c.txt" ]; then
    printf '  %-58s %12s  %s\n' "  (HTTP, Semper TSA, c=$c, ${SWEEP_SECONDS} s)" \
      "$(fmt_int "$(field WRK_RESULT rps "$WORK/tsa-c$c.txt")")" \
      "p50 $(ms "$(field WRK_RESULT p50_us "$WORK/tsa-c$c.txt")"), p99 $(ms "$(field WRK_RESULT p99_us "$WORK/tsa-c$c.txt")")"
  fi
done
if [ -n "$BACKGROUND_INPROCESS" ]; then
  info ""
  info "CPU used by other processes during the in-process part: $BACKGROUND_INPROCESS cores ($(quiet_note "$BACKGROUND_INPROCESS"))"
fi
if [ -n "$BACKGROUND" ]; then
  [ -n "$BACKGROUND_INPROCESS" ] || info ""
  info "CPU per token in the c=$CONNECTIONS run: $PER_TOKEN"
  info "CPU used by other processes during the c=$CONNECTIONS run: $BACKGROUND cores ($(quiet_note "$BACKGROUND"))"
fi
echo
