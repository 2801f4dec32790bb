#!/usr/bin/env python3
"""A sync peer that fails as networks and servers do (the sync fault tests: Tests/SongbridgeTests/SyncFaultsTests).

It stands between a laptop and a real `songbridge serve` at UPSTREAM, passing each request on, and spoils answers:
  cut-once  the first answer is cut off halfway (its length promised whole, then the connection closed), after the
            real server has done the work; every later request passes through untouched
  newer     every answer to a pull carries the sync format after this Songbridge's, as a newer server's would
Prints the port it listens on (loopback), then serves until killed.

  scripts/faulty-sync-peer.py cut-once http://127.0.0.1:8080
"""
import http.server
import json
import signal
import socket
import sys
import urllib.error
import urllib.request

# A test process's threads block SIGTERM, and a process started from one inherits that mask: unblock it, so that
# being told to stop stops this.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
mode, upstream = sys.argv[1], sys.argv[2].rstrip("/")
if mode not in ("cut-once", "newer"):
    sys.exit(f"faulty-sync-peer: unknown mode {mode!r}")
answered = 0


class Peer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.pass_on(None)

    def do_POST(self):
        self.pass_on(self.rfile.read(int(self.headers.get("Content-Length", "0"))))

    def pass_on(self, body):
        global answered
        request = urllib.request.Request(upstream + self.path, data=body, method=self.command)
        for name in ("Authorization", "Content-Type", "Accept"):
            if self.headers.get(name):
                request.add_header(name, self.headers[name])
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, data, kind = answer.status, answer.read(), answer.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as refusal:
            status, data, kind = refusal.code, refusal.read(), refusal.headers.get("Content-Type", "application/json")
        answered += 1
        if mode == "newer" and status == 200 and self.path.startswith("/api/v1/sync/changes"):
            changes = json.loads(data)
            changes["format"] = changes["format"] + 1
            data = json.dumps(changes).encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if mode == "cut-once" and answered == 1:
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Peer)
print(server.server_address[1], flush=True)
server.serve_forever()
