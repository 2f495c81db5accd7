#!/usr/bin/env bash
# OCSP throughput of the Semper CA against OpenSSL's own responder (openssl ocsp -index ... -port), same machine,
# same run, same load generator (wrk). Usage: ca-service/bench/ocsp-bench.sh [seconds] [connections]
# Needs: a packaged ca-service (./mvnw -B -pl ca-service -am package -DskipTests), openssl, curl, wrk.
set -euo pipefail
SECONDS_PER_RUN=${1:-10}
CONNECTIONS=${2:-16}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /tmp/semper-ocsp-bench.XXXXXX)
SEMPER_PORT=18092
OPENSSL_PORT=18093
stop_openssl() { # the responder, then the children it forked (by parent pid; it respawns children it loses)
  if [ -n "${OSSL_PID:-}" ]; then
    local children
    children=$(pgrep -P "$OSSL_PID" || true)
    kill "$OSSL_PID" 2>/dev/null || true
    sleep 0.5
    [ -n "$children" ] && kill -9 $children 2>/dev/null || true
  fi
  OSSL_PID=
}
start_openssl() { # a fresh responder on a fresh port per run: its forked children do not recover from a load run
  OPENSSL_PORT=$((OPENSSL_PORT + 1))
  openssl ocsp -index index.txt -port $OPENSSL_PORT -rsigner ocsp.pem -rkey ocsp-key.pem -CA ca.pem -multi 2 >> ossl.log 2>&1 &
  OSSL_PID=$!
  sleep 1
}
cleanup() {
  if [ -n "${CA_PID:-}" ]; then kill "$CA_PID" 2>/dev/null || true; fi
  stop_openssl
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

# --- Semper CA on the local profile ---
java -Dquarkus.profile=local -Dsemper.data-dir="$WORK/data" -Dquarkus.http.port=$SEMPER_PORT \
     -Dquarkus.log.level=WARN -jar "$ROOT/ca-service/target/quarkus-app/quarkus-run.jar" > ca.log 2>&1 &
CA_PID=$!
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:$SEMPER_PORT/q/health/ready >/dev/null && break; sleep 1; done
curl -sf http://127.0.0.1:$SEMPER_PORT/ca/certs | awk '/BEGIN CERT/{n++} n==1' > issuing.pem
# an issued serial: the delegated responder's own certificate (issued at startup), read from a response
openssl ocsp -issuer issuing.pem -serial 0x1 -url http://127.0.0.1:$SEMPER_PORT/ocsp -respout probe.der -noverify >/dev/null 2>&1 || true
SERIAL=$(openssl ocsp -respin probe.der -resp_text -noverify 2>/dev/null | awk '/Serial Number: *$/{getline; gsub(/[ :]/,""); print; exit}')
openssl ocsp -issuer issuing.pem -serial "0x$SERIAL" -no_nonce -reqout semper-req.der >/dev/null
openssl ocsp -issuer issuing.pem -serial "0x$SERIAL" -nonce -reqout semper-nonce-req.der >/dev/null

# --- OpenSSL's responder with an equivalent P-256 CA and delegated responder ---
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca-key.pem -out ca.pem -subj /CN=BenchCA -days 2 \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ocsp-key.pem -out ocsp.csr -subj /CN=BenchOCSP 2>/dev/null
printf 'extendedKeyUsage=OCSPSigning\nkeyUsage=critical,digitalSignature\n' > ocsp.ext
openssl x509 -req -in ocsp.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out ocsp.pem -days 2 -extfile ocsp.ext 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf-key.pem -out leaf.csr -subj /CN=BenchLeaf 2>/dev/null
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca-key.pem -CAserial ca.srl -out leaf.pem -days 2 2>/dev/null
LEAF_SERIAL=$(openssl x509 -in leaf.pem -noout -serial | cut -d= -f2)
printf 'V\t%s\t\t%s\tunknown\t/CN=BenchLeaf\n' "$(date -u -d '+2 days' +%y%m%d%H%M%SZ)" "$LEAF_SERIAL" > index.txt
start_openssl
openssl ocsp -issuer ca.pem -cert leaf.pem -no_nonce -reqout ossl-req.der >/dev/null
openssl ocsp -issuer ca.pem -cert leaf.pem -nonce -reqout ossl-nonce-req.der >/dev/null

cat > post.lua <<'LUA'
local f = assert(io.open(os.getenv("REQ"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/ocsp-request"
LUA

run() { # name url request-file  -> prints a line on stderr, the rate on stdout
  local rps
  rps=$(REQ="$3" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s post.lua "$2" | awk '/Requests\/sec/{print $2}')
  printf '%-44s %10s responses/s\n' "$1" "$rps" >&2
  echo "$rps"
}
echo "check: semper  -> $(openssl ocsp -issuer issuing.pem -serial 0x$SERIAL -url http://127.0.0.1:$SEMPER_PORT/ocsp -noverify 2>/dev/null | head -1)"
echo "check: openssl -> $(openssl ocsp -issuer ca.pem -cert leaf.pem -url http://127.0.0.1:$OPENSSL_PORT -noverify 2>/dev/null | head -1)"
# JIT warm-up
REQ=semper-req.der wrk -t2 -c"$CONNECTIONS" -d5s -s post.lua http://127.0.0.1:$SEMPER_PORT/ocsp >/dev/null
REQ=semper-nonce-req.der wrk -t2 -c"$CONNECTIONS" -d5s -s post.lua http://127.0.0.1:$SEMPER_PORT/ocsp >/dev/null
echo "wrk -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $(nproc) CPUs, $(openssl version)"
S1=$(run "semper, no nonce (pre-signed, from memory)" http://127.0.0.1:$SEMPER_PORT/ocsp semper-req.der)
S2=$(run "semper, nonce (signed per request)" http://127.0.0.1:$SEMPER_PORT/ocsp semper-nonce-req.der)
stop_openssl; start_openssl
O1=$(run "openssl ocsp -multi 2, no nonce" http://127.0.0.1:$OPENSSL_PORT/ ossl-req.der)
stop_openssl; start_openssl
O2=$(run "openssl ocsp -multi 2, nonce" http://127.0.0.1:$OPENSSL_PORT/ ossl-nonce-req.der)
awk -v s1="$S1" -v s2="$S2" -v o1="$O1" -v o2="$O2" 'BEGIN {
  if (o1 > 0) printf "ratio semper/openssl, no nonce: %.1f\n", s1 / o1;
  if (o2 > 0) printf "ratio semper/openssl, nonce:    %.1f\n", s2 / o2 }'
