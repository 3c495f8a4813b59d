"""A proxy in front of an upstream (moto) that delays requests and counts what passes (requests,
the most in flight). Two ways to delay:

  latency_proxy.py UPSTREAM_URL DELAY_MS            every request waits DELAY_MS before it is sent,
                                                    as a runner talking to S3 in another region sees
                                                    it (scripts/bench-aws --scale)
  latency_proxy.py UPSTREAM_URL 0 --stale-reads MS  every GET is answered 0 to MS ms AFTER its answer
                                                    was read, so a read-modify-write client works on a
                                                    snapshot other writers can overtake: the race
                                                    conditional writes must survive (the race tests)

Prints its port; GET /_stats answers the counts and resets them; serves until killed.
"""
import http.client
import json
import random
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
DELAY = float(sys.argv[2]) / 1000
STALE_READS = float(sys.argv[4]) / 1000 if len(sys.argv) > 4 and sys.argv[3] == "--stale-reads" else 0.0
lock = threading.Lock()
stats = {"requests": 0, "in_flight": 0, "max_in_flight": 0}
local = threading.local()


def connect():
    """A connection to moto with Nagle off: small writes must not wait for a delayed ACK (40 ms)."""
    connection = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=60)
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return connection


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in one write, and Nagle is off: the only delay is the one we add.
    wbufsize = -1

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def relay(self):
        if self.path == "/_stats":
            with lock:
                body = json.dumps(stats).encode()
                stats.update(requests=0, max_in_flight=0)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            return
        with lock:
            stats["requests"] += 1
            stats["in_flight"] += 1
            stats["max_in_flight"] = max(stats["max_in_flight"], stats["in_flight"])
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            time.sleep(DELAY)  # the round trip to a distant region
            if not hasattr(local, "upstream"):
                local.upstream = connect()
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
            try:
                local.upstream.request(self.command, self.path, body=body, headers=headers)
                response = local.upstream.getresponse()
            except (http.client.HTTPException, OSError):
                local.upstream = connect()
                local.upstream.request(self.command, self.path, body=body, headers=headers)
                response = local.upstream.getresponse()
            data = response.read()
            if STALE_READS and self.command == "GET":
                time.sleep(random.uniform(0, STALE_READS))
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
            self.wfile.flush()
        finally:
            with lock:
                stats["in_flight"] -= 1

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = relay


class Server(ThreadingHTTPServer):
    # The default backlog of 5 drops simultaneous connects, which then wait a 1 s SYN retry.
    request_queue_size = 256
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
