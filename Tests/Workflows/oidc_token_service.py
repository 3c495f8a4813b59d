"""A local stand-in for the Actions runtime's OIDC token service, as GitHub documents it: a job with
`id-token: write` gets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN; a GET of the
URL (plus `&audience=…`) with `Authorization: bearer <request token>` answers `{"value": "<JWT>"}`,
whose claims describe the job: `repository` (the repository whose event started the run: the
caller's), `job_workflow_ref` (`owner/repo/.github/workflows/file.yml@ref` of the workflow that
defines the job: a called workflow's own) and `job_workflow_sha`.

act gives a called workflow no job.workflow_repository or job.workflow_sha (GitHub Enterprise Server
has none either), so the platform's workflows read them from this token, as they would there.

Each act run gets its own path, /token/<run>; the test writes that run's claims to
CLAIMS_DIR/<run>.json before starting it. The signature is not a real one: nothing under test
verifies it (AWS would, and AWS is moto here).

Usage: oidc_token_service.py CLAIMS_DIR REQUEST_TOKEN   (prints its port, serves until killed)
"""
import base64
import json
import os
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

claims_dir, request_token = sys.argv[1], sys.argv[2]


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        if self.headers.get("Authorization", "").lower() != f"bearer {request_token}":
            return self.reply(401, {"message": "Bad credentials"})
        if len(parts) != 2 or parts[0] != "token" or not parts[1].isalnum():
            return self.reply(404, {"message": "Not Found"})
        path = os.path.join(claims_dir, parts[1] + ".json")
        if not os.path.exists(path):
            return self.reply(404, {"message": "Not Found"})
        now = int(time.time())
        claims = dict(json.load(open(path)), aud=query.get("audience", ["https://github.com/" + json.load(open(path))["repository_owner"]])[0],
                      iss="https://token.actions.githubusercontent.com", iat=now, nbf=now - 5, exp=now + 300)
        header = {"typ": "JWT", "alg": "RS256", "kid": "stand-in"}
        token = ".".join([b64(json.dumps(header).encode()), b64(json.dumps(claims).encode()), b64(b"stand-in signature")])
        self.reply(200, {"count": len(token), "value": token})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
