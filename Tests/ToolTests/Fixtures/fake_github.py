"""A local stand-in for the GitHub REST comment endpoints, behaving as GitHub documents:
per_page (max 100) and page with a Link header (rel="next"/"last"), 201/200/204 answers,
rate-limit headers, 403 for a read-only token, 404 for an unknown pull request, and scripted
faults. Every request is appended to a log file, as JSON lines, for the tests to count.

Usage: fake_github.py SCENARIO.json LOG.jsonl   (prints its port, serves until killed)

Scenario: {"repo": "acme/shop", "comments": {"7": [{"login": "...", "body": "..."}]},
           "readonly": false,
           "faults": [{"method": "GET", "status": 403, "times": 1, "headers": {"retry-after": "1"}}]}

Several repositories and real token rules (the workflow tests):
          {"repos": {"acme/payments": {"pulls": [7, 8]}},
           "tokens": {"consumer-token": {"write": ["acme/payments"]}, "fork-token": {"read": ["acme/payments"]}},
           "apps": {"4242": {"slug": "mini-idp", "key_sha256": "<hex>", "installations": {"acme": 77}}}}
With "tokens", an unknown token gets 401, a repository the token cannot see 404 (as GitHub hides
it), and a write with a read-only token 403. A token's comments are authored by
"github-actions[bot]"; an App installation token's by "<slug>[bot]". Apps mint installation
tokens through GET /repos/{owner}/{repo}/installation and POST /app/installations/{id}/access_tokens,
authenticated with "Bearer test-jwt.<app id>.<sha256 of the private key>" (the double of a JWT that
the create-github-app-token test double sends), or with a real RS256 JWT (what idp-ttl scan signs)
when the App has "public_key" (PEM): its signature is checked with `openssl dgst -verify`, and its
iat/exp as GitHub checks them (issued in the past, at most 10 minutes).
Pull requests have a state: GET /repos/{o}/{r}/pulls/{n} answers it (open unless the test said
otherwise with POST /_pulls/{o}/{r}/{n} {"state": "closed", "merged": true}), with "labels" (objects
with a "name"), "user" (who opened it: "author", default alice) and "head.repo.full_name" ("head_repo",
default the repository itself; null for a deleted fork); each POST changes only the keys it names.
GET /repos/{o}/{r}/issues/{n}/events lists a "labeled" event (actor, label) for each of its labels, set
by "labelers" ({label: login}) or else by its author, as GitHub's issue events API does.
Collaborators: {"collaborators": {"acme/payments": {"walt": "write", "rita": "read"}}}: GET
/repos/{o}/{r}/collaborators/{user}/permission answers {"permission", "role_name", "user"} (maintain
is reported as permission "write", triage as "read", as GitHub maps them); someone not listed is 404.
Reactions: POST /repos/{o}/{r}/issues/comments/{id}/reactions {"content": one of +1, -1, laugh,
confused, heart, hooray, rocket, eyes} needs a token that may write, answers 201 (200 when that
user already reacted so) and counts it in the comment's "reactions" rollup. A person's comment for
a test: POST /_comments/{o}/{r}/{n} {"login": ..., "body": ...} answers it with its id. With "git_root", GET
/repos/{o}/{r}/branches/{b} answers from the local repository git_root/{o}/{r}: 200 while the branch
exists, 404 once it is deleted, and GET /repos/{o}/{r}/compare/{base}...{head} answers status
ahead, behind, identical or diverged from that repository's history. An App token asked for no repositories (GET
/orgs/{org}/installation, then access_tokens without "repositories") covers every repository of
that owner. GET /repos/{owner}/{repo} answers what a token may read (actions/checkout's double asks it for a
private repository). Releases, for a private platform's download through the API:
          {"releases": {"acme/mini-idp": {"v1.0.0": {"asset.tar.gz": "/path/to/file"}}}}
GET /repos/{o}/{r}/releases/tags/{tag} lists the assets; GET /repos/{o}/{r}/releases/assets/{id}
with Accept: application/octet-stream answers 302 to a storage URL on another host name (localhost)
that, like a presigned S3 URL, refuses a request that also carries an Authorization header.
"""
import base64
import json
import os
import re
import subprocess
import tempfile
import sys
import threading
import urllib.parse
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

scenario = json.load(open(sys.argv[1]))
log_path = sys.argv[2]
lock = threading.Lock()
next_id = [1000]
comments = {}  # (repository, pull request) -> comments
# (repository, pull request) -> {"state": ..., "merged": ..., "labels": ..., "labelers": ...}; a test may
# start with some: {"pull_states": {"acme/shop#7": {"labels": ["preview"], "labelers": {"preview": "tina"}}}}
pull_states = {(key.rsplit("#", 1)[0], int(key.rsplit("#", 1)[1])): value for key, value in scenario.get("pull_states", {}).items()}
reactions = {}  # comment id -> [{"content": ..., "user": {"login": ...}}]


def add_comments(repo, pr, items):
    comments[(repo, int(pr))] = []
    for item in items:
        next_id[0] += 1
        comments[(repo, int(pr))].append({"id": next_id[0], "node_id": f"IC_{next_id[0]}", "body": item["body"], "user": {"login": item["login"]}})


for pr, items in scenario.get("comments", {}).items():
    add_comments(scenario.get("repo", "acme/shop"), pr, items)
for repo, spec in scenario.get("repos", {}).items():
    for pr in spec.get("pulls", []):
        add_comments(repo, pr, [])
faults = scenario.get("faults", [])
tokens = scenario.get("tokens")  # None: any token may do anything (unless "readonly")
apps = scenario.get("apps", {})
installation_tokens = {}  # token -> {"login": "<slug>[bot]", "write": [...]}
# Repository settings `idp doctor` reads: {"setup": {"acme/mini-idp": {"repository": {...}, "workflows": {file: state},
# "rulesets": [...], "environments": {name: {"deployment_branch_policy", "secrets"}}, "immutable_releases",
# "oidc_sub", "latest_release", "files": {path: text}, "secrets", "organization_secrets", "denied": [endpoints
# answered 403]}}, "setup_installations": {org: [installation, ...]}} (Tests/ToolTests/Fixtures/doctor_setup.py).
# GET /_setup/{o}/{r} (a test control) answers one repository's, with the branches and pull requests written.
setup = scenario.get("setup", {})
# Secrets, as GitHub keeps them: sealed (libsodium's sealed box) for the public key it hands out, which
# only this server can open; GET /_secrets (a test control) answers them opened.
try:
    from nacl.public import PrivateKey, SealedBox
    secrets_key = PrivateKey.generate()
except ImportError:  # only the App manifest tests need it (scripts/test installs PyNaCl)
    secrets_key = None
stored_secrets = {}  # "<repo>/<environment>" or "<org>" -> {name: opened value}
created_apps = []
assets = []  # (repository, tag, name, path); an asset's id is its index + 1
for repo, tags in scenario.get("releases", {}).items():
    for tag, files in tags.items():
        for name, path in files.items():
            assets.append((repo, tag, name, path))


REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]


def rollup(given):
    """A comment's "reactions" as GitHub summarises them: total_count and a count per content."""
    counts = {content: sum(1 for r in given if r["content"] == content) for content in REACTIONS}
    return {"total_count": len(given), **counts}


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
            m = re.fullmatch(r"/_pulls/([^/]+/[^/]+)/(\d+)", self.path)
            if m and self.command == "POST":
                pull_states.setdefault((m.group(1), int(m.group(2))), {}).update(json.loads(raw or b"{}"))
                return self.reply(200, {})
            m = re.fullmatch(r"/_comments/([^/]+/[^/]+)/(\d+)", self.path)
            if m and self.command == "POST":
                request = json.loads(raw)
                next_id[0] += 1
                item = {"id": next_id[0], "node_id": f"IC_{next_id[0]}", "body": request["body"], "user": {"login": request["login"]},
                        "reactions": rollup([])}
                comments.setdefault((m.group(1), int(m.group(2))), []).append(item)
                return self.reply(201, item)
            if self.path == "/_secrets":
                return self.reply(200, stored_secrets)
            m = re.fullmatch(r"/app-manifests/([^/]+)/conversions", self.path)
            if m and self.command == "POST":  # no authentication, as GitHub documents; each code once only
                # The codes GitHub's redirects carry back, each for one App ("manifest_codes": {code: role}).
                codes = scenario.get("manifest_codes") or {scenario.get("manifest_code"): "lifecycle"}
                role = codes.get(m.group(1))
                if role is None or any(a["code"] == m.group(1) for a in created_apps):
                    return self.reply(404, {"message": "Not Found"})
                pem = subprocess.run(["openssl", "genrsa", "2048"], check=True, capture_output=True, text=True).stdout
                number = 8181 + len(created_apps)
                app = {"id": number, "slug": f"acme-mini-idp-{role}", "node_id": f"A_{number}", "owner": {"login": "acme"}, "name": f"acme mini-idp {role}",
                       "client_id": "Iv1.test", "client_secret": "test-client-secret", "webhook_secret": None, "pem": pem}
                created_apps.append(dict(app, code=m.group(1)))
                return self.reply(201, app)
            m = re.fullmatch(r"/_install/([^/]+)", self.path)
            if m and self.command == "POST":  # a test control: the owner installs an App (the click GitHub's page asks for)
                scenario.setdefault("setup_installations", {}).setdefault(m.group(1), []).append(json.loads(raw))
                return self.reply(201, {})
            m = re.fullmatch(r"/_merge/([^/]+/[^/]+)/(\d+)", self.path)
            if m and self.command == "POST":  # a test control: a pull request opened through the API is merged
                spec = setup[m.group(1)]
                pull = next(p for p in spec.get("pulls_opened", []) if p["number"] == int(m.group(2)))
                spec["files"] = dict(spec["branches"][pull["head"]["ref"]])
                pull["state"] = "closed"
                return self.reply(200, pull)
            m = re.fullmatch(r"/_setup/([^/]+/[^/]+)", self.path)
            if m and self.command == "GET":  # a test control: a repository's settings, branches and opened pull requests
                return self.reply(200, setup.get(m.group(1)))
            if self.path == "/_apps":
                return self.reply(200, created_apps)
            if self.path == "/_state":
                state = {}
                for (repo, pr), items in comments.items():
                    key = str(pr) if repo == scenario.get("repo", "acme/shop") and "repos" not in scenario else f"{repo}#{pr}"
                    state[key] = items
                return self.reply(200, state)
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
            m = re.fullmatch(r"/_storage/(\d+)", self.path.partition("?")[0])
            if m and 0 < int(m.group(1)) <= len(assets):
                if self.headers.get("Authorization") is not None:
                    return self.reply(400, {"message": "Only one auth mechanism allowed"})
                data = open(assets[int(m.group(1)) - 1][3], "rb").read()
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            if self.headers.get("Authorization") is None:
                return self.reply(401, {"message": "Requires authentication"})
            path, _, query = self.path.partition("?")
            params = dict(p.split("=", 1) for p in query.split("&") if "=" in p)
            if path.startswith("/app/") or path.endswith("/installation"):
                return self.app_endpoint(path, raw)
            if self.setup_endpoint(path, raw):
                return
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)", path)
            if m and self.command == "GET":
                denied = self.denied(m.group(1))
                if denied:
                    return self.reply(*denied)
                answer = {"full_name": m.group(1), **setup.get(m.group(1), {}).get("repository", {})}
                if m.group(1) in setup:  # as GitHub answers an authenticated request: what this token may do
                    answer["permissions"] = {"admin": self.token() in scenario.get("setup_admins", [self.token()]), "push": True, "pull": True}
                return self.reply(200, answer)
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/pulls/(\d+)", path)
            if m and self.command == "GET":
                repo, number = m.group(1), int(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                if (repo, number) not in comments:
                    return self.reply(404, {"message": "Not Found"})
                state = pull_states.get((repo, number), {})
                merged = bool(state.get("merged"))
                head = state.get("head_repo", repo)
                return self.reply(200, {"number": number, "state": state.get("state", "open"), "merged": merged,
                                        "merged_at": "2026-11-30T12:00:00Z" if merged else None,
                                        "labels": [{"id": i + 1, "name": name, "color": "ededed"} for i, name in enumerate(state.get("labels", []))],
                                        "user": {"login": state.get("author", "alice")},
                                        "head": {"repo": {"full_name": head} if head else None},
                                        "base": {"repo": {"full_name": repo}}})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/events", path)
            if m and self.command == "GET":
                repo, number = m.group(1), int(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                state = pull_states.get((repo, number), {})
                setters = state.get("labelers", {})
                return self.reply(200, [{"id": i + 1, "event": "labeled", "actor": {"login": setters.get(name, state.get("author", "alice"))},
                                         "label": {"name": name, "color": "ededed"}, "created_at": "2026-11-30T12:00:00Z"}
                                        for i, name in enumerate(state.get("labels", []))])
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/collaborators/([^/]+)/permission", path)
            if m and self.command == "GET":
                repo, user = m.group(1), urllib.parse.unquote(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                role = scenario.get("collaborators", {}).get(repo, {}).get(user)
                if role is None:
                    return self.reply(404, {"message": f"{user} is not a user"})
                legacy = {"maintain": "write", "triage": "read"}.get(role, role)
                return self.reply(200, {"permission": legacy, "role_name": role, "user": {"login": user}})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)/reactions", path)
            if m and self.command == "POST":
                repo, cid = m.group(1), int(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                item = next((c for (r, _), items in comments.items() if r == repo for c in items if c["id"] == cid), None)
                if item is None:
                    return self.reply(404, {"message": "Not Found"})
                denied = self.denied(repo, write=True)
                if denied:
                    return self.reply(*denied)
                content = json.loads(raw or b"{}").get("content")
                if content not in REACTIONS:
                    return self.reply(422, {"message": "Validation Failed", "errors": [{"field": "content", "code": "invalid"}]})
                given = reactions.setdefault(cid, [])
                reaction = {"content": content, "user": {"login": self.login()}}
                if reaction in given:
                    return self.reply(200, {"id": given.index(reaction) + 1, **reaction})
                given.append(reaction)
                item["reactions"] = rollup(given)
                return self.reply(201, {"id": len(given), **reaction})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/branches/(.+)", path)
            if m and self.command == "GET" and "git_root" in scenario:
                denied = self.denied(m.group(1))
                if denied:
                    return self.reply(*denied)
                branch = urllib.parse.unquote(m.group(2))
                exists = subprocess.run(["git", "-C", f"{scenario['git_root']}/{m.group(1)}", "rev-parse", "--verify", "--quiet",
                                         f"refs/heads/{branch}"], capture_output=True).returncode == 0
                return self.reply(200, {"name": branch}) if exists else self.reply(404, {"message": "Branch not found"})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/compare/([0-9a-f]+)\.\.\.([0-9a-f]+)", path)
            if m and self.command == "GET" and "git_root" in scenario:
                denied = self.denied(m.group(1))
                if denied:
                    return self.reply(*denied)
                folder, base, head = f"{scenario['git_root']}/{m.group(1)}", m.group(2), m.group(3)
                def ancestor(a, b):
                    return subprocess.run(["git", "-C", folder, "merge-base", "--is-ancestor", a, b], capture_output=True).returncode == 0
                known = all(subprocess.run(["git", "-C", folder, "cat-file", "-e", f"{c}^{{commit}}"], capture_output=True).returncode == 0
                            for c in (base, head))
                if not known:
                    return self.reply(404, {"message": "No commit found for SHA"})
                status = ("identical" if base == head else "ahead" if ancestor(base, head) else "behind" if ancestor(head, base) else "diverged")
                return self.reply(200, {"status": status})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/releases/tags/([^/]+)", path)
            if m and self.command == "GET":
                denied = self.denied(m.group(1))
                if denied:
                    return self.reply(*denied)
                found = [(i + 1, a) for i, a in enumerate(assets) if a[0] == m.group(1) and a[1] == m.group(2)]
                if not found:
                    return self.reply(404, {"message": "Not Found"})
                base = f"http://{self.headers['Host']}/repos/{m.group(1)}/releases/assets"
                return self.reply(200, {"tag_name": m.group(2), "assets": [{"id": i, "name": a[2], "url": f"{base}/{i}"} for i, a in found]})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/releases/assets/(\d+)", path)
            if m and self.command == "GET":
                denied = self.denied(m.group(1))
                if denied:
                    return self.reply(*denied)
                index = int(m.group(2))
                if not (0 < index <= len(assets)) or assets[index - 1][0] != m.group(1):
                    return self.reply(404, {"message": "Not Found"})
                if self.headers.get("Accept") != "application/octet-stream":
                    return self.reply(200, {"id": index, "name": assets[index - 1][2]})
                # Storage is another host, as GitHub's is: a client must not carry the token there.
                port = self.headers["Host"].rsplit(":", 1)[-1]
                return self.reply(302, None, {"Location": f"http://localhost:{port}/_storage/{index}"})
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/comments", path)
            if m:
                repo, pr = m.group(1), int(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                if (repo, pr) not in comments:
                    return self.reply(404, {"message": "Not Found"})
                if self.command == "GET":
                    per_page = min(int(params.get("per_page", 30)), 100)
                    page = int(params.get("page", 1))
                    items = comments[(repo, pr)]
                    last = max(1, -(-len(items) // per_page))
                    chunk = items[(page - 1) * per_page: page * per_page]
                    headers = {}
                    base = f"http://{self.headers['Host']}{path}"
                    if page < last:
                        headers["Link"] = f'<{base}?per_page={per_page}&page={page + 1}>; rel="next", <{base}?per_page={per_page}&page={last}>; rel="last"'
                    return self.reply(200, chunk, headers)
                if self.command == "POST":
                    denied = self.denied(repo, write=True)
                    if denied:
                        return self.reply(*denied)
                    body = json.loads(raw)["body"]
                    if len(body) > 65536:
                        return self.reply(422, {"message": "Body is too long (maximum is 65536 characters)"})
                    next_id[0] += 1
                    item = {"id": next_id[0], "node_id": f"IC_{next_id[0]}", "body": body, "user": {"login": self.login()}, "reactions": rollup([])}
                    comments[(repo, pr)].append(item)
                    return self.reply(201, item)
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)", path)
            if m:
                repo, cid = m.group(1), int(m.group(2))
                denied = self.denied(repo)
                if denied:
                    return self.reply(*denied)
                for (item_repo, pr), items in comments.items():
                    for item in items:
                        if item["id"] == cid and item_repo == repo:
                            denied = self.denied(repo, write=True)
                            if denied:
                                return self.reply(*denied)
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

    def token(self):
        return self.headers.get("Authorization", "").split(" ", 1)[-1]

    def grants(self):
        token = self.token()
        if token in installation_tokens:
            return installation_tokens[token]
        if tokens is None:
            return None
        return tokens.get(token)

    def login(self):
        grant = self.grants()
        return (grant or {}).get("login", "github-actions[bot]")

    def denied(self, repo, write=False):
        """GitHub's (status, body) when the token may not do this, else None."""
        if tokens is None and self.token() not in installation_tokens:
            return (403, {"message": "Resource not accessible by integration"}) if write and scenario.get("readonly") else None
        grant = self.grants()
        if grant is None:
            return 401, {"message": "Bad credentials"}
        if repo not in grant.get("write", []) + grant.get("read", []):
            return 404, {"message": "Not Found"}
        if write and repo not in grant.get("write", []):
            return 403, {"message": "Resource not accessible by integration"}
        return None

    def verified_app(self):
        """The App whose JWT authenticates this request, or None."""
        parts = self.token().split(".")
        if len(parts) != 3:
            return None
        if parts[0] == "test-jwt":
            app = apps.get(parts[1])
            return app if app and parts[2] == app["key_sha256"] else None
        unpad = lambda text: base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))  # noqa: E731
        try:
            header, payload, signature = json.loads(unpad(parts[0])), json.loads(unpad(parts[1])), unpad(parts[2])
        except ValueError:
            return None
        app = apps.get(str(payload.get("iss")))
        now = time.time()
        if (not app or "public_key" not in app or header.get("alg") != "RS256"
                or not payload.get("iat", now + 1) <= now <= payload.get("exp", 0) or payload["exp"] - payload["iat"] > 600):
            return None
        with tempfile.TemporaryDirectory() as work:
            for name, data in (("key.pem", app["public_key"].encode()), ("sig", signature), ("data", f"{parts[0]}.{parts[1]}".encode())):
                open(os.path.join(work, name), "wb").write(data)
            checked = subprocess.run(["openssl", "dgst", "-sha256", "-verify", os.path.join(work, "key.pem"), "-signature",
                                      os.path.join(work, "sig"), os.path.join(work, "data")], capture_output=True)
        return app if checked.returncode == 0 else None

    def token(self):
        return self.headers.get("Authorization", "").split(" ", 1)[-1]

    def setup_write(self, repo, rest, raw):
        """What `idp setup platform` writes, as GitHub's REST reference answers it; only tokens in
        "setup_admins" may (others get 403, as a token without admin permission does)."""
        spec = setup[repo]
        if "setup_admins" in scenario and self.token() not in scenario["setup_admins"]:
            return self.reply(403, {"message": "Resource not accessible by personal access token"}) or True
        body = json.loads(raw or b"{}")
        if rest == "actions/oidc/customization/sub" and self.command == "PUT":
            spec["oidc_sub"] = body
            return self.reply(201, {}) or True
        if rest == "actions/permissions/access" and self.command == "PUT":
            spec["actions_access"] = body["access_level"]
            return self.reply(204) or True
        if rest == "rulesets" and self.command == "POST":
            ruleset = dict(body, id=len(spec.setdefault("rulesets", [])) + 100)
            spec["rulesets"].append(ruleset)
            return self.reply(201, ruleset) or True
        n = re.fullmatch(r"rulesets/(\d+)", rest)
        if n and self.command == "PUT":  # the whole ruleset replaced, its id kept
            found = [i for i, r in enumerate(spec.get("rulesets", [])) if r["id"] == int(n.group(1))]
            if not found:
                return self.reply(404, {"message": "Not Found"}) or True
            spec["rulesets"][found[0]] = dict(body, id=int(n.group(1)))
            return self.reply(200, spec["rulesets"][found[0]]) or True
        if rest == "immutable-releases" and self.command == "PUT":
            spec["immutable_releases"] = True
            return self.reply(204) or True
        n = re.fullmatch(r"environments/([^/]+)", rest)
        if n and self.command == "PUT":
            env = spec.setdefault("environments", {}).setdefault(urllib.parse.unquote(n.group(1)), {"secrets": [], "branch_policies": []})
            env["deployment_branch_policy"] = body.get("deployment_branch_policy")
            return self.reply(200, {"name": n.group(1), "deployment_branch_policy": env["deployment_branch_policy"]}) or True
        if rest == "git/refs" and self.command == "POST":  # a branch: the default branch's files, copied
            spec.setdefault("branches", {})[body["ref"].removeprefix("refs/heads/")] = dict(spec.get("files", {}))
            return self.reply(201, {"ref": body["ref"], "object": {"sha": body["sha"]}}) or True
        n = re.fullmatch(r"contents/(.+)", rest)
        if n and self.command == "PUT":
            branch = spec.get("branches", {}).get(body.get("branch"))
            if branch is None:
                return self.reply(404, {"message": "Branch not found"}) or True
            branch[urllib.parse.unquote(n.group(1))] = base64.b64decode(body["content"]).decode()
            return self.reply(201, {"content": {"path": n.group(1)}}) or True
        if rest == "pulls" and self.command == "POST":
            opened = spec.setdefault("pulls_opened", [])
            pull = {"number": 100 + len(opened), "head": {"ref": body["head"]}, "base": {"ref": body["base"]}, "title": body["title"],
                    "body": body.get("body", ""), "state": "open"}
            opened.append(pull)
            return self.reply(201, pull) or True
        n = re.fullmatch(r"environments/([^/]+)/secrets/([^/]+)", rest)
        if n and self.command == "PUT":
            sealed = base64.b64decode(body["encrypted_value"])
            env = spec.get("environments", {}).get(urllib.parse.unquote(n.group(1)))
            if env is None:  # GitHub: an environment must exist before its secrets
                return self.reply(404, {"message": "Not Found"}) or True
            stored_secrets.setdefault(f"{repo}/{urllib.parse.unquote(n.group(1))}", {})[n.group(2)] = SealedBox(secrets_key).decrypt(sealed).decode()
            if n.group(2) not in env["secrets"]:
                env["secrets"].append(n.group(2))
            return self.reply(201, {}) or True
        n = re.fullmatch(r"environments/([^/]+)/deployment-branch-policies", rest)
        if n and self.command == "POST":
            env = spec.get("environments", {}).get(urllib.parse.unquote(n.group(1)))
            if env is None:
                return self.reply(404, {"message": "Not Found"}) or True
            env["branch_policies"].append(body["name"])
            return self.reply(200, {"id": len(env["branch_policies"]), "name": body["name"], "type": body.get("type", "branch")}) or True
        return False  # not a setting: a comment, a reaction, … (the act scenarios' onboarded repository)

    def setup_endpoint(self, path, raw=b""):
        """A repository's settings as `idp doctor` reads them (scenario "setup"), answered in the shapes
        GitHub's REST reference gives; True when this request was one of them."""
        m = re.fullmatch(r"/orgs/([^/]+)/actions/secrets/(public-key|[A-Z0-9_]+)", path)
        if m and secrets_key is not None:
            if m.group(2) == "public-key" and self.command == "GET":
                return self.reply(200, {"key_id": "568250167242549743", "key": base64.b64encode(bytes(secrets_key.public_key)).decode()}) or True
            if self.command == "PUT":
                if "setup_admins" in scenario and self.token() not in scenario["setup_admins"]:
                    return self.reply(403, {"message": "Resource not accessible by personal access token"}) or True
                body = json.loads(raw or b"{}")
                stored_secrets.setdefault(m.group(1), {})[m.group(2)] = SealedBox(secrets_key).decrypt(base64.b64decode(body["encrypted_value"])).decode()
                # Visible to the organisation's private repositories (visibility private), as GitHub lists them per repository.
                for name, other in setup.items():
                    if name.split("/")[0] == m.group(1) and m.group(2) not in other.setdefault("organization_secrets", []):
                        other["organization_secrets"].append(m.group(2))
                return self.reply(201, {}) or True
        if self.command != "GET":
            m = re.fullmatch(r"/repos/([^/]+/[^/]+)/(.+)", path)
            return bool(m and m.group(1) in setup) and self.setup_write(m.group(1), m.group(2), raw)
        m = re.fullmatch(r"/orgs/([^/]+)/installations", path)
        if m and "setup_installations" in scenario:
            items = scenario["setup_installations"].get(m.group(1))
            if items is None:  # not an organisation, or not its owner's token
                return self.reply(404, {"message": "Not Found"}) or True
            return self.page(path, "installations", items) or True
        m = re.fullmatch(r"/orgs/([^/]+)/actions/oidc/customization/sub", path)
        if m and m.group(1) in scenario.get("setup_orgs", {}):
            return self.reply(200, scenario["setup_orgs"][m.group(1)]["oidc_sub"]) or True
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/(.+)", path)
        if not m or m.group(1) not in setup:
            return False
        repo, rest, spec = m.group(1), m.group(2), setup[m.group(1)]
        if rest in spec.get("denied", []) or rest.split("/")[0] in spec.get("denied", []):
            return self.reply(403, {"message": "Resource not accessible by personal access token"}) or True
        if rest == "actions/workflows":
            flows = [{"id": i + 1, "name": name, "path": f".github/workflows/{name}", "state": state}
                     for i, (name, state) in enumerate(spec.get("workflows", {}).items())]
            return self.page(path, "workflows", flows) or True
        if rest == "rulesets":
            summaries = [{k: r[k] for k in ("id", "name", "target", "enforcement")} | {"source_type": "Repository", "source": repo}
                         for r in spec.get("rulesets", [])]
            return self.reply(200, summaries) or True
        n = re.fullmatch(r"rulesets/(\d+)", rest)
        if n:
            found = [r for r in spec.get("rulesets", []) if r["id"] == int(n.group(1))]
            self.reply(200, found[0] | {"source_type": "Repository", "source": repo}) if found else self.reply(404, {"message": "Not Found"})
            return True
        if rest == "environments":
            items = [{"id": i + 1, "name": name, "deployment_branch_policy": env["deployment_branch_policy"]}
                     for i, (name, env) in enumerate(spec.get("environments", {}).items())]
            return self.page(path, "environments", items) or True
        n = re.fullmatch(r"environments/([^/]+)/secrets", rest)
        if n:
            env = spec.get("environments", {}).get(urllib.parse.unquote(n.group(1)))
            if env is None:
                return self.reply(404, {"message": "Not Found"}) or True
            return self.page(path, "secrets", [{"name": s} for s in env["secrets"]]) or True
        n = re.fullmatch(r"environments/([^/]+)/deployment-branch-policies", rest)
        if n:
            env = spec.get("environments", {}).get(urllib.parse.unquote(n.group(1)))
            if env is None or not (env["deployment_branch_policy"] or {}).get("custom_branch_policies"):
                return self.reply(404, {"message": "Not Found"}) or True
            return self.page(path, "branch_policies", [{"id": i + 1, "name": name, "type": "branch"} for i, name in enumerate(env["branch_policies"])]) or True
        if rest == "immutable-releases":  # 200 where on, 404 where off
            if spec.get("immutable_releases"):
                return self.reply(200, {"enabled": True, "enforced_by_owner": False}) or True
            return self.reply(404, {"message": "Not Found"}) or True
        if rest == "actions/oidc/customization/sub":
            return self.reply(200, spec.get("oidc_sub", {"use_default": True})) or True
        if rest == "actions/permissions/access":
            return self.reply(200, {"access_level": spec.get("actions_access", "none")}) or True
        n = re.fullmatch(r"environments/([^/]+)/secrets/public-key", rest)
        if n and secrets_key is not None:
            return self.reply(200, {"key_id": "568250167242549743", "key": base64.b64encode(bytes(secrets_key.public_key)).decode()}) or True
        if rest == "releases/latest":
            latest = spec.get("latest_release")
            self.reply(200, {"tag_name": latest}) if latest else self.reply(404, {"message": "Not Found"})
            return True
        if rest in ("actions/secrets", "actions/organization-secrets"):
            names = spec.get("secrets" if rest == "actions/secrets" else "organization_secrets", [])
            return self.page(path, "secrets", [{"name": s} for s in names]) or True
        if rest.startswith("git/ref/heads/"):
            return self.reply(200, {"ref": "refs/heads/" + rest.removeprefix("git/ref/heads/"), "object": {"sha": "5" * 40, "type": "commit"}}) or True
        if rest == "pulls":  # ?state=open&head=owner:branch
            params = urllib.parse.parse_qs(self.path.partition("?")[2])
            head = params.get("head", [""])[0].split(":")[-1]
            return self.reply(200, [p for p in spec.get("pulls_opened", []) if p["state"] == "open" and (not head or p["head"]["ref"] == head)]) or True
        n = re.fullmatch(r"contents/(.*)", rest)
        if n and "files" in spec:
            wanted = urllib.parse.unquote(n.group(1)).strip("/")
            ref = urllib.parse.parse_qs(self.path.partition("?")[2]).get("ref", [""])[0]
            files = spec.get("branches", {}).get(ref, spec["files"])
            if wanted in files:
                encoded = base64.b64encode(files[wanted].encode()).decode()
                content = "\n".join(encoded[i:i + 60] for i in range(0, len(encoded), 60))
                return self.reply(200, {"type": "file", "name": wanted.split("/")[-1], "path": wanted, "encoding": "base64", "content": content}) or True
            inside = sorted({f for f in files if f.startswith(wanted + "/") and "/" not in f[len(wanted) + 1:]})
            if not inside:
                return self.reply(404, {"message": "Not Found"}) or True
            return self.reply(200, [{"type": "file", "name": f.split("/")[-1], "path": f} for f in inside]) or True
        return False

    def page(self, path, key, items):
        """A `{"total_count": n, key: […]}` answer paged as GitHub pages it: per_page (at most 100,
        default 30), page, and a Link header with rel="next" and rel="last"."""
        params = dict(p.split("=", 1) for p in self.path.partition("?")[2].split("&") if "=" in p)
        per_page, page = min(int(params.get("per_page", 30)), 100), int(params.get("page", 1))
        last = max(1, -(-len(items) // per_page))
        headers = {}
        if page < last:
            base = f"http://{self.headers['Host']}{path}"
            headers["Link"] = f'<{base}?per_page={per_page}&page={page + 1}>; rel="next", <{base}?per_page={per_page}&page={last}>; rel="last"'
        self.reply(200, {"total_count": len(items), key: items[(page - 1) * per_page: page * per_page]}, headers)

    def app_endpoint(self, path, raw):
        """Installation lookup and installation tokens, for an App authenticated by its JWT."""
        app = self.verified_app()
        if app is None:
            return self.reply(401, {"message": "A JSON web token could not be decoded"})
        m = re.fullmatch(r"/(?:orgs|users)/([^/]+)/installation", path) or re.fullmatch(r"/repos/([^/]+)/([^/]+)/installation", path)
        if m and self.command == "GET":
            installation = app["installations"].get(m.group(1))
            return self.reply(200, {"id": installation, "app_slug": app["slug"]}) if installation else self.reply(404, {"message": "Not Found"})
        m = re.fullmatch(r"/app/installations/(\d+)/access_tokens", path)
        if m and self.command == "POST":
            owner = next((o for o, i in app["installations"].items() if i == int(m.group(1))), None)
            if owner is None:
                return self.reply(404, {"message": "Not Found"})
            request = json.loads(raw or b"{}")
            names = request.get("repositories", [])
            # No repositories named: every repository of the installation's owner.
            repos = [f"{owner}/{n}" for n in names] or [r for r in scenario.get("repos", {}) if r.split("/")[0] == owner]
            # Without "permissions" the token has all the installation's; with them, only those.
            writes = request.get("permissions", {"pull_requests": "write"}).get("pull_requests") == "write"
            next_id[0] += 1
            token = f"ghs_test{next_id[0]}"
            installation_tokens[token] = {"login": f"{app['slug']}[bot]", "write": repos if writes else [], "read": repos}
            return self.reply(201, {"token": token, "expires_at": "2099-01-01T00:00:00Z"})
        return self.reply(404, {"message": "Not Found"})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
