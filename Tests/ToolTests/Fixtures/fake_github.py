"""A local stand-in for the GitHub REST comment endpoints, behaving as GitHub documents:
per_page (max 100) and page with a Link header (rel="next"/"last"), 201/200/204 answers,
rate-limit headers, 403 for a read-only token, 404 for an unknown pull request, and scripted
faults. Every request is appended to a log file, as JSON lines, for the tests to count.

Usage: fake_github.py SCENARIO.json LOG.jsonl   (prints its port, serves until killed)

Scenario: {"repo": "acme/shop", "comments": {"7": [{"login": "...", "body": "..."}]},
           "readonly": false,
           "faults": [{"method": "GET", "status": 403, "times": 1, "headers": {"retry-after": "1"}}]}
"""
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

scenario = json.load(open(sys.argv[1]))
log_path = sys.argv[2]
lock = threading.Lock()
next_id = [1000]
comments = {}
for pr, items in scenario.get("comments", {}).items():
    comments[int(pr)] = []
    for item in items:
        next_id[0] += 1
        comments[int(pr)].append({"id": next_id[0], "node_id": f"IC_{next_id[0]}", "body": item["body"], "user": {"login": item["login"]}})
faults = scenario.get("faults", [])
REPO = scenario.get("repo", "acme/shop")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=None, headers=None):
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("x-ratelimit-limit", "1000")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if "x-ratelimit-remaining" not in (headers or {}):
            self.send_header("x-ratelimit-remaining", "999")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        with lock:
            if self.path == "/_state":
                return self.reply(200, comments)
            with open(log_path, "a") as log:
                log.write(json.dumps({"method": self.command, "path": self.path, "accept": self.headers.get("Accept"),
                                      "version": self.headers.get("X-GitHub-Api-Version"),
                                      "auth": self.headers.get("Authorization"), "agent": self.headers.get("User-Agent")}) + "\n")
            for fault in faults:
                if fault.get("times", 0) > 0 and fault["method"] == self.command:
                    fault["times"] -= 1
                    headers = dict(fault.get("headers", {}))
                    if headers.get("x-ratelimit-reset") == "soon":
                        headers["x-ratelimit-reset"] = str(int(time.time()) + 1)
                    return self.reply(fault["status"], {"message": fault.get("message", "scripted fault")}, headers)
            if self.headers.get("Authorization") is None:
                return self.reply(401, {"message": "Requires authentication"})
            path, _, query = self.path.partition("?")
            params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
            m = re.fullmatch(rf"/repos/{REPO}/issues/(\d+)/comments", path)
            if m:
                pr = int(m.group(1))
                if pr not in comments:
                    return self.reply(404, {"message": "Not Found"})
                if self.command == "GET":
                    per_page = min(int(params.get("per_page", 30)), 100)
                    page = int(params.get("page", 1))
                    items = comments[pr]
                    last = max(1, -(-len(items) // per_page))
                    chunk = items[(page - 1) * per_page: page * per_page]
                    headers = {}
                    base = f"http://{self.headers['Host']}{path}"
                    if page < last:
                        headers["Link"] = f'<{base}?per_page={per_page}&page={page + 1}>; rel="next", <{base}?per_page={per_page}&page={last}>; rel="last"'
                    return self.reply(200, chunk, headers)
                if self.command == "POST":
                    if scenario.get("readonly"):
                        return self.reply(403, {"message": "Resource not accessible by integration"})
                    body = json.loads(raw)["body"]
                    if len(body) > 65536:
                        return self.reply(422, {"message": "Body is too long (maximum is 65536 characters)"})
                    next_id[0] += 1
                    item = {"id": next_id[0], "node_id": f"IC_{next_id[0]}", "body": body, "user": {"login": "github-actions[bot]"}}
                    comments[pr].append(item)
                    return self.reply(201, item)
            m = re.fullmatch(rf"/repos/{REPO}/issues/comments/(\d+)", path)
            if m:
                cid = int(m.group(1))
                for pr, items in comments.items():
                    for item in items:
                        if item["id"] == cid:
                            if scenario.get("readonly"):
                                return self.reply(403, {"message": "Resource not accessible by integration"})
                            if self.command == "PATCH":
                                body = json.loads(raw)["body"]
                                if len(body) > 65536:
                                    return self.reply(422, {"message": "Body is too long (maximum is 65536 characters)"})
                                item["body"] = body
                                return self.reply(200, item)
                            if self.command == "DELETE":
                                items.remove(item)
                                return self.reply(204)
                return self.reply(404, {"message": "Not Found"})
            return self.reply(404, {"message": "Not Found"})

    do_GET = do_POST = do_PATCH = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
