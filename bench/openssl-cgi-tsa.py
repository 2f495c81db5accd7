#!/usr/bin/env python3
"""CGI-style RFC 3161 time-stamp authority, the baseline peer of bench/tsa-benchmark.sh.

Exactly what a CGI TSA does: every POST forks and execs one `openssl ts -reply` process, which loads the
configuration, the certificate and the private key, signs one token and exits. Served by Python's
ThreadingHTTPServer (one thread per connection, HTTP/1.1 keep-alive) rather than http.server's CGIHTTPRequestHandler,
which cannot keep connections alive and would make wrk measure TCP set-up instead of the TSA.

The serial number: `openssl ts -reply` reads and rewrites the file named by `serial` in its configuration, which is
not safe for concurrent processes. The configuration says `serial = $ENV::TSA_SERIAL`, and this server writes a
fresh file per request from an in-memory counter (like Semper's block allocator, but not durable: no record is
kept of anything issued).

Usage: openssl-cgi-tsa.py CONFIG SECTION PORT SCRATCH_DIR     (listens on 127.0.0.1 only)
"""
import itertools
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CONFIG, SECTION, PORT, SCRATCH = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
MAX_REQUEST = 16384
_serials = itertools.count(1)
_lock = threading.Lock()


class TsaHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if 0 < length <= MAX_REQUEST else b""
        if self.path != "/tsa" or not body:
            return self._send(400, "text/plain", b"bad request\n")
        if self.headers.get("Content-Type", "").split(";")[0].strip() != "application/timestamp-query":
            return self._send(415, "text/plain", b"use application/timestamp-query\n")
        with _lock:
            serial = next(_serials)
        serial_file = os.path.join(SCRATCH, "serial-%d" % serial)
        with open(serial_file, "w") as f:
            f.write("%04X\n" % serial)
        try:
            result = subprocess.run(
                ["openssl", "ts", "-reply", "-config", CONFIG, "-section", SECTION,
                 "-queryfile", "/dev/stdin", "-out", "/dev/stdout"],
                input=body, capture_output=True, env=dict(os.environ, TSA_SERIAL=serial_file))
        finally:
            try:
                os.unlink(serial_file)
            except OSError:
                pass
        if result.returncode != 0 or not result.stdout:
            sys.stderr.write(result.stderr.decode(errors="replace"))
            return self._send(500, "text/plain", b"openssl ts -reply failed\n")
        self._send(200, "application/timestamp-reply", result.stdout)

    def _send(self, status, content_type, payload):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, fmt, *args):
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


if __name__ == "__main__":
    server = Server(("127.0.0.1", PORT), TsaHandler)
    print("openssl CGI-style TSA on http://127.0.0.1:%d/tsa" % PORT, flush=True)
    server.serve_forever()
