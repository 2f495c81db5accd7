-- wrk script for bench/tsa-benchmark.sh: POSTs one fixed, pre-built DER RFC 3161 request to every connection.
--   TSA_REQUEST=/path/request.tsq wrk -t2 -c64 -d20s --latency -s bench/tsa-post.lua http://127.0.0.1:PORT/tsa
-- The request is built with `openssl ts -query -sha256 -cert` (a nonce, certReq true), so every reply carries
-- the TSA certificate chain, as for a typical client. At the end it prints one machine-readable line
-- "WRK_RESULT key=value ..." (latencies in microseconds) for the benchmark script.

local path = os.getenv("TSA_REQUEST") or "request.tsq"
local file = assert(io.open(path, "rb"), "cannot open TSA_REQUEST=" .. path)
local body = file:read("*a")
file:close()
assert(#body > 0, "empty request file " .. path)

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/timestamp-query"
wrk.headers["Accept"] = "application/timestamp-reply"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d bytes=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
