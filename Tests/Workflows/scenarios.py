"""The consumer's and the platform's real workflows, run end to end under act (nektos/act, on this
host, no Docker) against moto and the GitHub stand-in: the adoption steps of docs/platform-setup.md and docs/consumer-guide.md, played out.

Real: every workflow file, the composite action (which builds the tools from the platform's source),
the binaries, moto (S3, DynamoDB, ECR, STS), the GitHub stand-in (Tests/ToolTests/Fixtures/fake_github.py).
Test doubles (Tests/Workflows/actions, Tests/Workflows/bin): actions/checkout, configure-aws-credentials,
setup-opentofu (and its `tofu`), actions/cache, create-github-app-token, and `docker`.

Each side gets only what the docs tell it to set: the consumer copies action/examples/ (its
workflow pinned to the platform's commit) and sets nothing; the platform edits platform.yml and,
for comments from scheduled destroys, sets the secret IDP_APP_PRIVATE_KEY.

With IDP_TEST_RELEASE_DIR (the dist/ of `scripts/build-release --package`), the platform's
action/checksums.txt pins that package and a local server publishes it like GitHub's release
downloads: the composite action then installs the release, its default for consumers. Without it,
the action builds the tools from source in the first job.

Usage: scenarios.py WORK_DIR MOTO_URL [SCENARIO_NUMBER...]    (prints "workflows: N passed, N failed")
"""
import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import atexit
import traceback
import urllib.request
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import boto3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOUBLES = os.path.join(ROOT, "Tests", "Workflows")
WORK, MOTO_URL = os.path.abspath(sys.argv[1]), sys.argv[2]
ONLY = {int(n) for n in sys.argv[3:]}

PLATFORM, CONSUMER = "acme/mini-idp", "acme/payments"
CONSUMER_ID = 123456789  # GitHub's id of acme/payments (github.repository_id; naming: repository's mark)
# A repository that adopts the platform through `idp onboard` (scenario 38), and GitHub's ids of both.
ONBOARDED = "acme/orders"
REPOSITORY_IDS = {CONSUMER: CONSUMER_ID, ONBOARDED: 987654321}
# A second tenant of the same platform, and a fork of the platform that tries to run its own code.
INTRUDER, PLATFORM_FORK = "acme/intruder", "mallory/mini-idp"
VERSION = re.search(r'current = "([0-9.]+)"', open(os.path.join(ROOT, "Sources", "IDPCore", "Version.swift")).read()).group(1)
RELEASE_TAG = f"v{VERSION}"  # what consumers pin (the role trusts refs/tags/v* only)
# Settings a scenario commits to the platform's default branch for its own runs (World.live_settings):
# every run reads platform.yml there, whatever release it pinned.
LABEL_SETTINGS = "pull_requests:\n  create: label\n  label: preview\n"
# A release of the same code for a platform on its own runners and mirrors (GitHub Enterprise Server
# inside a network): runners: rendered into its workflows by idp-validate, ARM64 tasks, OpenTofu and
# its providers from a mirror this machine serves.
HOSTING_TAG = f"v{VERSION}-hosting"
TOFU_VERSION = "1.10.6"
BUCKET, TABLE, ECR_REPO, REGION = "acme-idp-act-state", "acme-idp-act-locks", "mini-idp-preview", "us-east-1"
# The platform's App: a real RSA key, since idp-ttl scan signs the App's JWT with it (RS256) and
# the GitHub stand-in checks the signature with its public key.
os.makedirs(WORK, exist_ok=True)
APP_ID = "4242"
APP_KEY = subprocess.run(["openssl", "genrsa", "2048"], check=True, capture_output=True, text=True).stdout
APP_PUBLIC_KEY = subprocess.run(["openssl", "rsa", "-pubout"], input=APP_KEY, check=True, capture_output=True, text=True).stdout
# The platform's reader App (contents: read on the platform repository), for a private platform.
READER_ID, READER_KEY = "4343", "-----BEGIN RSA PRIVATE KEY-----\nreader test double key\n-----END RSA PRIVATE KEY-----"
TOKENS = {  # what GitHub would hand each run as GITHUB_TOKEN
    "consumer": "ghs_consumer_run_token",   # pull_request from a branch of acme/payments: may comment
    "fork": "ghs_fork_run_token",           # pull_request from a fork: read-only
    "platform": "ghs_platform_run_token",   # scheduled run in acme/mini-idp: its own repository only
    "intruder": "ghs_intruder_run_token",   # pull_request in acme/intruder: its own repository only
    "onboarded": "ghs_orders_run_token",    # pull_request from a branch of acme/orders: may comment
}
RUN_UNDER_ACT = [".github/workflows/provision.yml", ".github/workflows/destroy.yml", ".github/workflows/command.yml", ".github/workflows/ttl-cleanup.yml", ".github/workflows/sleep.yml", ".github/workflows/orphans.yml",
                 ".github/workflows/update-dashboard.yml", "action/action.yml", "action/opentofu/action.yml"]
# The platform's own workflows, run on schedule or by hand in the platform repository on its default branch.
PLATFORM_OWN = [f".github/workflows/{name}.yml" for name in ("ttl-cleanup", "update-dashboard", "sleep", "orphans")]
# Third-party actions the workflows pin, and the test double that stands in for each.
DOUBLE_FOR = {
    "actions/checkout": "checkout",
    "aws-actions/configure-aws-credentials": "configure-aws-credentials",
    "opentofu/setup-opentofu": "setup-opentofu",
    "actions/cache": "cache",
    "actions/create-github-app-token": "create-github-app-token",
}

os.environ.update({"AWS_ENDPOINT_URL": MOTO_URL, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                   "AWS_DEFAULT_REGION": REGION, "AWS_REGION": REGION})
s3, ecr, ddb = boto3.client("s3"), boto3.client("ecr"), boto3.client("dynamodb")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


# Clocks. A scenario that pins IDP_NOW takes it from these, relative to the real clock (or the one
# scripts/test-dates fakes), never as a written date: things the scenario makes meanwhile (records,
# images, comments, locks) carry the real time, and a written date stands for "now" only in the
# week it was written (scenario 26 stopped passing on 2026-12-05). scripts/lint refuses one.

def now_utc():
    return datetime.now(timezone.utc)


def from_now(**delta):
    """IDP_NOW `delta` (timedelta's keywords; negative for the past) away from the real clock."""
    return iso(now_utc() + timedelta(**delta))


def coming(weekday, hour, zone, after=None):
    """The first `weekday` (0 is Monday) at `hour`:00 local time in `zone` later than `after` (default:
    now), in UTC. Local, so the hour holds across a daylight-saving switch."""
    local = (after or now_utc()).astimezone(ZoneInfo(zone))
    day = local.date()
    while True:
        candidate = datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo(zone))
        if candidate.weekday() == weekday and candidate > local:
            return candidate.astimezone(timezone.utc)
        day += timedelta(days=1)


# What faketime sets (scripts/test-dates): act starts every step with an environment of its own, so
# these are handed to each step, or the tools would read the real clock beside a faked one. Without
# FAKETIME_SHARED a Swift binary under libfaketime sees no command-line arguments.
FAKED_CLOCK = {name: os.environ[name] for name in ("LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED", "FAKETIME_NO_CACHE", "DONT_FAKE_MONOTONIC")
               if "FAKETIME" in os.environ and name in os.environ}


class World:
    """The machine-wide pieces: moto's buckets, the GitHub stand-in, both repositories, act."""

    def __init__(self):
        # The tools cache survives a rerun in the same folder: its keys hash the sources.
        for d in ("git", "platform-run", "platform-sleep-run", "platform-hosting", "logs", "xdg", "events", "home"):
            shutil.rmtree(os.path.join(WORK, d), ignore_errors=True)
            os.makedirs(os.path.join(WORK, d))
        os.makedirs(os.path.join(WORK, "cache"), exist_ok=True)
        self.bootstrap_aws()
        self.start_github()
        self.start_oidc()
        self.start_releases()
        self.start_mirror()
        self.platform = os.path.join(WORK, "git", PLATFORM)
        self.consumer = os.path.join(WORK, "git", CONSUMER)
        self.make_platform()
        self.make_consumer()
        self.intruder = os.path.join(WORK, "git", INTRUDER)
        self.make_intruder()
        self.runs = 0
        # Repositories that never set the OIDC subject customisation: GitHub's default sub (scenario 35).
        self.default_subject = set()

    # The platform team's bootstrap (infrastructure/bootstrap), as its resources look in moto.
    def bootstrap_aws(self):
        s3.create_bucket(Bucket=BUCKET)
        s3.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
        ddb.create_table(TableName=TABLE, KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
                         BillingMode="PAY_PER_REQUEST")
        ecr.create_repository(repositoryName=ECR_REPO, imageTagMutability="IMMUTABLE")

    def start_github(self):
        scenario = {
            "repos": {CONSUMER: {"pulls": [7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 34, 35, 36, 37, 38, 39, 40, 45, 46]}, PLATFORM: {"pulls": []},
                      INTRUDER: {"pulls": [31, 32, 33]}, "initech/app": {"pulls": [9]}, ONBOARDED: {"pulls": [1]}},
            "tokens": {TOKENS["consumer"]: {"write": [CONSUMER]}, TOKENS["fork"]: {"read": [CONSUMER]},
                       TOKENS["platform"]: {"write": [PLATFORM]}, TOKENS["intruder"]: {"write": [INTRUDER]},
                       TOKENS["onboarded"]: {"write": [ONBOARDED]}, "ghp_orders_admin": {"write": [ONBOARDED]}},
            # acme/orders before onboarding, as its administrator's token sees it through the API: an app with a
            # Dockerfile, GitHub's default OIDC subject, no workflow of the platform's (scenario 38).
            "setup": {ONBOARDED: {"repository": {"default_branch": "main", "visibility": "private", "private": True},
                                  "oidc_sub": {"use_default": True}, "files": ONBOARDED_FILES}},
            "git_root": os.path.join(WORK, "git"),
            # Who may run comment commands: write (walt) and admin (alice) may, read (rita) may not.
            "collaborators": {CONSUMER: {"alice": "admin", "walt": "write", "mona": "maintain", "rita": "read", "tina": "triage"}},
            "apps": {APP_ID: {"slug": "mini-idp", "key_sha256": hashlib.sha256(APP_KEY.encode()).hexdigest(),
                              "public_key": APP_PUBLIC_KEY, "installations": {"acme": 77, "initech": 79}},
                     READER_ID: {"slug": "mini-idp-reader", "key_sha256": hashlib.sha256(READER_KEY.encode()).hexdigest(),
                                 "installations": {"acme": 78}}},
        }
        # The release, also through the REST API (a private platform's download path).
        dist = os.environ.get("IDP_TEST_RELEASE_DIR")
        if dist:
            scenario["releases"] = {PLATFORM: {RELEASE_TAG: {name: os.path.abspath(os.path.join(dist, name)) for name in os.listdir(dist)
                                                             if name.startswith("mini-idp-linux-") and name.endswith(".tar.gz")}}}
        path = os.path.join(WORK, "github.json")
        json.dump(scenario, open(path, "w"))
        self.github = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests", "ToolTests", "Fixtures", "fake_github.py"),
                                        path, os.path.join(WORK, "logs", "github-requests.jsonl")],
                                       stdout=subprocess.PIPE, text=True)
        atexit.register(self.github.terminate)
        self.github_url = f"http://127.0.0.1:{self.github.stdout.readline().strip()}"

    # The Actions runtime's OIDC token service: each run's claims name the workflow GitHub would.
    def start_oidc(self):
        self.oidc_claims = os.path.join(WORK, "oidc")
        shutil.rmtree(self.oidc_claims, ignore_errors=True)
        os.makedirs(self.oidc_claims)
        self.oidc_request_token = "oidc-request-" + hashlib.sha256(WORK.encode()).hexdigest()[:16]
        self.oidc = subprocess.Popen([sys.executable, os.path.join(DOUBLES, "oidc_token_service.py"), self.oidc_claims, self.oidc_request_token],
                                     stdout=subprocess.PIPE, text=True)
        atexit.register(self.oidc.terminate)
        self.oidc_url = f"http://127.0.0.1:{self.oidc.stdout.readline().strip()}"

    # A release of this checkout, published the way GitHub serves release assets.
    def start_releases(self):
        self.release = None
        dist = os.environ.get("IDP_TEST_RELEASE_DIR")
        if not dist:
            return
        version = re.search(r'current = "([0-9.]+)"', open(os.path.join(ROOT, "Sources", "IDPCore", "Version.swift")).read()).group(1)
        sums = [f for f in os.listdir(dist) if f.startswith("mini-idp-linux-") and f.endswith(".tar.gz.sha256")]
        assert sums, f"no release package in {dist}"
        folder = os.path.join(WORK, "releases", PLATFORM, "releases", "download", f"v{version}")
        os.makedirs(folder, exist_ok=True)
        lines = []
        for name in sums:
            sha, asset = open(os.path.join(dist, name)).read().split()
            shutil.copy(os.path.join(dist, asset), folder)
            lines.append(f"{version}  {sha}  {asset}\n")
        self.release = (version, lines)
        server = ("import functools, http.server, sys\n"
                  "class Quiet(http.server.SimpleHTTPRequestHandler):\n    def log_message(self, *a): pass\n"
                  "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=sys.argv[1]))\n"
                  "print(s.server_address[1], flush=True)\ns.serve_forever()\n")
        self.releases = subprocess.Popen([sys.executable, "-c", server, os.path.join(WORK, "releases")], stdout=subprocess.PIPE, text=True)
        atexit.register(self.releases.terminate)
        self.release_url = f"http://127.0.0.1:{self.releases.stdout.readline().strip()}/{PLATFORM}/releases/download"

    # A site's mirror of OpenTofu's releases (laid out as github.com/opentofu/opentofu/releases/download)
    # and of its providers (OpenTofu's network mirror protocol): the release holds the tofu test
    # double, with its sha256 in the release's SHA256SUMS as OpenTofu publishes them.
    def start_mirror(self):
        root = os.path.join(WORK, "mirror")
        shutil.rmtree(root, ignore_errors=True)
        release = os.path.join(root, "opentofu", "releases", "download", f"v{TOFU_VERSION}")
        os.makedirs(release)
        arch = {"x86_64": "amd64", "aarch64": "arm64"}[os.uname().machine]
        archive = f"tofu_{TOFU_VERSION}_linux_{arch}.tar.gz"
        subprocess.run(["tar", "-czf", os.path.join(release, archive), "--transform", "s/tofu.py/tofu/", "-C",
                        os.path.join(DOUBLES, "actions", "setup-opentofu"), "tofu.py"], check=True)
        digest = hashlib.sha256(open(os.path.join(release, archive), "rb").read()).hexdigest()
        open(os.path.join(release, f"tofu_{TOFU_VERSION}_SHA256SUMS"), "w").write(
            f"{'0' * 64}  tofu_{TOFU_VERSION}_linux_386.tar.gz\n{digest}  {archive}\n")
        for provider, version in (("aws", "6.20.0"), ("random", "3.7.2")):
            folder = os.path.join(root, "providers", "registry.opentofu.org", "hashicorp", provider)
            os.makedirs(folder)
            json.dump({"versions": {version: {}}}, open(os.path.join(folder, "index.json"), "w"))
        # Over https, as OpenTofu requires of a provider network mirror: a certificate for 127.0.0.1
        # that the runs trust beside the system's (SSL_CERT_FILE for Python, CURL_CA_BUNDLE for curl).
        key, cert = os.path.join(WORK, "mirror-key.pem"), os.path.join(WORK, "mirror-cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], check=True, capture_output=True)
        self.ca_bundle = os.path.join(WORK, "ca-bundle.pem")
        system = next((p for p in ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt") if os.path.exists(p)), None)
        open(self.ca_bundle, "w").write((open(system).read() if system else "") + open(cert).read())
        server = ("import functools, http.server, ssl, sys\n"
                  "class Logged(http.server.SimpleHTTPRequestHandler):\n"
                  "    def log_message(self, format, *args):\n"
                  "        open(sys.argv[2], 'a').write(self.path + ' ' + str(args[1]) + '\\n')\n"
                  "s = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Logged, directory=sys.argv[1]))\n"
                  "context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\ncontext.load_cert_chain(sys.argv[3], sys.argv[4])\n"
                  "s.socket = context.wrap_socket(s.socket, server_side=True)\n"
                  "print(s.server_address[1], flush=True)\ns.serve_forever()\n")
        self.mirror_log = os.path.join(WORK, "mirror-requests.log")
        open(self.mirror_log, "w").close()
        self.mirror = subprocess.Popen([sys.executable, "-c", server, root, self.mirror_log, cert, key], stdout=subprocess.PIPE, text=True)
        atexit.register(self.mirror.terminate)
        self.mirror_url = f"https://127.0.0.1:{self.mirror.stdout.readline().strip()}"

    def tool(self, name):
        """A built tool of this checkout: IDP_BIN_DIR's, the release package's, or a debug build."""
        if os.environ.get("IDP_BIN_DIR"):
            return os.path.join(os.environ["IDP_BIN_DIR"], name)
        dist = os.environ.get("IDP_TEST_RELEASE_DIR")
        if dist:
            folder = os.path.join(WORK, "tools")
            if not os.path.exists(os.path.join(folder, name)):
                os.makedirs(folder, exist_ok=True)
                arch = os.uname().machine
                subprocess.run(["tar", "-xzf", os.path.join(os.path.abspath(dist), f"mini-idp-linux-{arch}.tar.gz"), "-C", folder], check=True)
            return os.path.join(folder, name)
        subprocess.run(["swift", "build", "--product", name], cwd=ROOT, check=True, capture_output=True)
        return os.path.join(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip(), name)

    # The platform repository: this checkout's files (committed or not), with platform.yml edited
    # as docs/platform-setup.md tells the platform team to.
    def make_platform(self):
        os.makedirs(self.platform)
        files = subprocess.run(["git", "-C", ROOT, "ls-files", "-co", "--exclude-standard", "-z"],
                               check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, files):
            source = os.path.join(ROOT, name)
            if os.path.isfile(source):
                target = os.path.join(self.platform, name)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(source, target, follow_symlinks=False)
        settings = open(os.path.join(self.platform, "platform.yml")).read()
        for key, value in {"state_bucket": BUCKET, "lock_table": TABLE, "ecr_repository": ECR_REPO,
                           "aws_region": REGION, "github_app_id": f'"{APP_ID}"'}.items():
            settings, count = re.subn(rf"^{key}:.*$", f"{key}: {value}", settings, flags=re.M)
            assert count == 1, f"platform.yml has no {key}"
        # A guardrail the scenarios reach: at most 4 live environments per owner (scenario 8).
        settings, count = re.subn(r"^  max_environments_per_owner:.*$", "  max_environments_per_owner: 4", settings, flags=re.M)
        assert count == 1, "platform.yml has no guardrails.max_environments_per_owner"
        open(os.path.join(self.platform, "platform.yml"), "w").write(settings)
        if self.release:  # what release.yml's publish job commits (scripts/release-pin) and tags
            open(os.path.join(self.platform, "action", "checksums.txt"), "a").writelines(self.release[1])
        git(self.platform, "init", "-q", "-b", "main")
        git(self.platform, "add", "-A")
        git(self.platform, "commit", "-q", "-m", "platform under test")
        git(self.platform, "remote", "add", "origin", f"https://github.com/{PLATFORM}")
        self.platform_sha = git(self.platform, "rev-parse", "HEAD")
        # The release consumers pin (a protected tag on GitHub).
        git(self.platform, "tag", RELEASE_TAG, self.platform_sha)
        # The platform's own scheduled runs happen in a checkout of the pinned commit ...
        self.platform_run = os.path.join(WORK, "platform-run")
        git(self.platform, "worktree", "add", "-q", "--detach", self.platform_run, self.platform_sha)
        # The same release on the platform's own runners and mirrors, its workflows rendered by the
        # documented command (scenario 29). act reads a called workflow from a folder, so it gets one.
        git(self.platform, "checkout", "-q", "-b", "hosting-mode", self.platform_sha)
        self.hosting_settings = ("cpu_architecture: ARM64\nrunners:\n  default: { group: idp-runners, labels: [self-hosted, idp-test] }\n"
                                 "  build: { group: idp-builders, labels: [self-hosted, idp-build] }\n"
                                 f"mirrors:\n  opentofu: {self.mirror_url}/opentofu/releases/download\n  providers: {self.mirror_url}/providers/\n")
        open(os.path.join(self.platform, "platform.yml"), "a").write(self.hosting_settings)
        subprocess.run([self.tool("idp-validate"), "--platform", "platform.yml", "--workflows", ".github/workflows", "--write"],
                       cwd=self.platform, check=True, capture_output=True)
        git(self.platform, "commit", "-q", "-am", "our own runners and mirrors")
        self.hosting_sha = git(self.platform, "rev-parse", "HEAD")
        git(self.platform, "tag", HOSTING_TAG, self.hosting_sha)
        self.platform_hosting = os.path.join(WORK, "platform-hosting")
        git(self.platform, "worktree", "add", "-q", "--detach", self.platform_hosting, self.hosting_sha)
        # The platform's schedule as a team that sleeps outside office hours runs it (scenario 26).
        git(self.platform, "checkout", "-q", "-b", "sleep-mode", self.platform_sha)
        open(os.path.join(self.platform, "platform.yml"), "a").write("sleep:\n  awake:\n    - Mon-Fri 07:00-20:00 Europe/Berlin\n")
        git(self.platform, "commit", "-q", "-am", "environments sleep outside office hours")
        git(self.platform, "checkout", "-q", "main")
        self.platform_sleep_run = os.path.join(WORK, "platform-sleep-run")
        git(self.platform, "worktree", "add", "-q", "--detach", self.platform_sleep_run, "sleep-mode")
        # ... while its default branch has moved on with code no run may use: a workflow that took
        # its tools or templates from the default branch instead of its own commit fails on it.
        action = os.path.join(self.platform, "action", "action.yml")
        unreleased = open(action).read().replace("  steps:\n", "  steps:\n    - shell: bash\n      run: echo '::error::code of the default branch ran'; exit 1\n", 1)
        open(action, "w").write(unreleased)
        git(self.platform, "commit", "-q", "-am", "unreleased work on main")

    @contextlib.contextmanager
    def live_settings(self, extra="", replace=None):
        """The platform team commits `extra` to platform.yml on its default branch (or the whole file
        `replace`) for the length of the block, then takes it out again; runs pinned to any release
        read it there. Yields the commit."""
        path = os.path.join(self.platform, "platform.yml")
        before = open(path).read()
        open(path, "w").write(before + extra if replace is None else replace)
        git(self.platform, "commit", "-q", "-am", "settings of one scenario")
        try:
            yield git(self.platform, "rev-parse", "HEAD")
        finally:
            open(path, "w").write(before)
            git(self.platform, "commit", "-q", "-am", "the usual settings")

    # The consumer repository: an app with a Dockerfile, and what action/examples/ says to copy.
    def make_consumer(self):
        os.makedirs(os.path.join(self.consumer, ".idp"))
        os.makedirs(os.path.join(self.consumer, ".github", "workflows"))
        shutil.copy(os.path.join(ROOT, "action", "examples", "config.yml"), os.path.join(self.consumer, ".idp", "config.yml"))
        workflow = open(os.path.join(ROOT, "action", "examples", "preview-env.yml")).read()
        # The example pins a release tag; the consumer pins this platform's release. No input names
        # the platform's repository or commit: the called workflows learn both from their OIDC token
        # (act has no job.workflow_repository / job.workflow_sha, like GitHub Enterprise Server).
        pinned, count = re.subn(rf"({re.escape(PLATFORM)}/\.github/workflows/(?:provision|destroy|command)\.yml)@v[0-9.]+", rf"\1@{RELEASE_TAG}", workflow)
        assert count == 3, "the example no longer calls provision.yml, destroy.yml and command.yml at a release tag"
        assert "platform_repository" not in pinned and "platform_ref" not in pinned, "the example passes the platform's identity"
        open(os.path.join(self.consumer, ".github", "workflows", "preview-env.yml"), "w").write(pinned)
        open(os.path.join(self.consumer, ".github", "workflows", "preview-env-hosting.yml"), "w").write(pinned.replace(f"@{RELEASE_TAG}", f"@{HOSTING_TAG}"))
        # A careless consumer's copy that listens to pull_request_target (common for label workflows):
        # its runs have the repository's token and the platform's role for a fork's pull request too.
        target = pinned.replace("  pull_request:\n", "  pull_request_target:\n", 1).replace("github.event_name == 'pull_request'", "github.event_name == 'pull_request_target'")
        assert target.count("pull_request_target") >= 3, "the example's pull_request trigger and job conditions moved"
        open(os.path.join(self.consumer, ".github", "workflows", "preview-env-target.yml"), "w").write(target)
        open(os.path.join(self.consumer, "Dockerfile"), "w").write("FROM nginx:alpine\nCOPY index.html /usr/share/nginx/html/\n")
        open(os.path.join(self.consumer, "index.html"), "w").write("<h1>payments</h1>\n")
        git(self.consumer, "init", "-q", "-b", "main")
        git(self.consumer, "add", "-A")
        git(self.consumer, "commit", "-q", "-m", "payments app")
        git(self.consumer, "remote", "add", "origin", f"https://github.com/{CONSUMER}")

    # A second tenant: another application repository of the same organisation, which adopted the
    # platform as the consumer guide says, plus workflows of its own that try what a tenant must not.
    def make_intruder(self):
        os.makedirs(os.path.join(self.intruder, ".idp"))
        os.makedirs(os.path.join(self.intruder, ".github", "workflows"))
        # Its own config: a secret under acme/payments' prefix is refused by idp-tfvars ([secret.scope]).
        config = open(os.path.join(self.consumer, ".idp", "config.yml")).read().replace("idp/acme/payments/", "idp/acme/intruder/")
        open(os.path.join(self.intruder, ".idp", "config.yml"), "w").write(config)
        shutil.copy(os.path.join(self.consumer, ".github", "workflows", "preview-env.yml"), os.path.join(self.intruder, ".github", "workflows"))
        open(os.path.join(self.intruder, "Dockerfile"), "w").write("FROM nginx:alpine\n")
        open(os.path.join(self.intruder, "index.html"), "w").write("<h1>intruder</h1>\n")
        # A fork of the platform whose composite action leaves a mark wherever it runs.
        fork = os.path.join(WORK, "git", PLATFORM_FORK)
        os.makedirs(os.path.dirname(fork), exist_ok=True)
        git(os.path.dirname(fork), "clone", "-q", self.platform, fork)
        git(fork, "checkout", "-q", self.platform_sha)
        action = open(os.path.join(fork, "action", "action.yml")).read()
        marked = action.replace("  steps:\n", "  steps:\n    - shell: bash\n      run: touch \"$IDP_TEST_LOG_DIR/fork-code-ran\"\n", 1)
        assert marked != action
        open(os.path.join(fork, "action", "action.yml"), "w").write(marked)
        git(fork, "commit", "-q", "-am", "run my code as the platform")
        self.fork_sha = git(fork, "rev-parse", "HEAD")
        uses = f"{PLATFORM}/.github/workflows/{{}}.yml@{RELEASE_TAG}"
        permissions = "    permissions: { contents: read, id-token: write, pull-requests: write }\n"
        open(os.path.join(self.intruder, ".github", "workflows", "destroy-other.yml"), "w").write(
            "on: pull_request\npermissions: {}\njobs:\n  destroy:\n" + permissions
            + f"    uses: {uses.format('destroy')}\n    with:\n      environment_name: preview-fresh\n")
        fork_inputs = f"      platform_repository: {PLATFORM_FORK}\n      platform_ref: {self.fork_sha}\n"
        open(os.path.join(self.intruder, ".github", "workflows", "fork-code.yml"), "w").write(
            "on: pull_request\npermissions: {}\njobs:\n"
            + "  provision:\n" + permissions + f"    uses: {uses.format('provision')}\n    with:\n" + fork_inputs
            + "  destroy:\n" + permissions + f"    uses: {uses.format('destroy')}\n    with:\n      environment_name: preview-intruder-b\n" + fork_inputs)
        git(self.intruder, "init", "-q", "-b", "main")
        git(self.intruder, "add", "-A")
        git(self.intruder, "commit", "-q", "-m", "intruder app")
        git(self.intruder, "remote", "add", "origin", f"https://github.com/{INTRUDER}")

    def push(self, branch, text, repo=None):
        """A commit on `branch` of the consumer repository (or `repo`); returns its sha."""
        repo = repo or self.consumer
        if branch not in git(repo, "branch", "--list", branch):
            git(repo, "checkout", "-q", "-b", branch, "main")
        else:
            git(repo, "checkout", "-q", branch)
        open(os.path.join(repo, "index.html"), "a").write(text + "\n")
        git(repo, "commit", "-q", "-am", text)
        return git(repo, "rev-parse", "HEAD")

    def local_repositories(self):
        """--local-repository for every action the workflows pin: a test double, or the platform."""
        mapping = [f"{PLATFORM}@{self.platform_sha}={self.platform}", f"{PLATFORM}@{RELEASE_TAG}={self.platform}",
                   f"{PLATFORM}@{HOSTING_TAG}={self.platform_hosting}"]
        pins = set()
        # The files these scenarios run (ci.yml runs only on GitHub; of release.yml only its plan job runs here).
        for name in RUN_UNDER_ACT:
            pins.update(re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})", open(os.path.join(ROOT, name)).read()))
        for action, sha in sorted(pins):
            assert action in DOUBLE_FOR, f"{action} is pinned by a workflow but has no test double"
            mapping.append(f"{action}@{sha}={os.path.join(DOUBLES, 'actions', DOUBLE_FOR[action])}")
        return mapping

    def act(self, repo, event, payload, token, workflow, secrets=None, inputs=None, env=None, expect_success=True,
            cancel_when=None, timeout=1500, called=None, release=RELEASE_TAG, job=None, variables=None,
            runners=("ubuntu-24.04", "ubuntu-latest")):
        """Runs one event under act in `repo`'s folder; returns the log. With `cancel_when`, sends
        SIGINT (a cancellation) once that text appears in the log. `called` is the platform
        workflow file the run's jobs belong to, for their OIDC token (default: what the event calls).
        `runners`: the only labels this host runs jobs for (act skips a job whose runs-on names none)."""
        self.runs += 1
        self.write_claims(repo, event, payload, workflow, called, release, self_hosted=tuple(runners) != ("ubuntu-24.04", "ubuntu-latest"))
        event_path = os.path.join(WORK, "events", f"{self.runs}.json")
        json.dump(payload, open(event_path, "w"))
        log_path = os.path.join(WORK, "logs", f"act-{self.runs}-{event}.log")
        command = ["act", event, "-W", workflow, "-e", event_path, "--no-skip-checkout", "--no-cache-server", "--actor", "alice",
                   "--env", f"GITHUB_API_URL={self.github_url}", "-s", f"GITHUB_TOKEN={token}",
                   "--env", f"ACTIONS_ID_TOKEN_REQUEST_URL={self.oidc_url}/token/{self.runs}?api-version=2.0",
                   "--env", f"ACTIONS_ID_TOKEN_REQUEST_TOKEN={self.oidc_request_token}"]
        for label in runners:
            command += ["-P", f"{label}=-self-hosted"]
        for key, value in FAKED_CLOCK.items():
            command += ["--env", f"{key}={value}"]
        if repo in (self.platform_run, self.platform_sleep_run, self.platform_hosting) and workflow in PLATFORM_OWN:
            # What GitHub sets and act does not: the run's top-level workflow, the platform's own file on
            # its default branch (the tools act for the platform only then: Caller.actsForPlatform).
            command += ["--env", f"GITHUB_WORKFLOW_REF={PLATFORM}/{workflow}@refs/heads/main", "--env", "GITHUB_REF=refs/heads/main"]
        repository_id = REPOSITORY_IDS.get(os.path.relpath(repo, os.path.join(WORK, "git")))
        if repository_id:  # what GitHub sets in every job and act does not (github.repository_id is empty there)
            command += ["--env", f"GITHUB_REPOSITORY_ID={repository_id}"]
        for mapping in self.local_repositories():
            command += ["--local-repository", mapping]
        for key, value in (secrets or {}).items():
            command += ["-s", f"{key}={value}"]
        for key, value in (inputs or {}).items():
            command += ["--input", f"{key}={value}"]
        for key, value in (variables or {}).items():  # the repository's `vars`
            command += ["--var", f"{key}={value}"]
        if job:
            command += ["-j", job]
        # A runner's environment: no AWS credentials, no test settings beyond what the doubles read.
        run_env = {"PATH": os.path.join(DOUBLES, "bin") + os.pathsep + os.environ["PATH"], "HOME": os.path.join(WORK, "home"),
                   "XDG_CACHE_HOME": os.path.join(WORK, "xdg"), "LANG": "C.UTF-8", "TMPDIR": os.environ.get("TMPDIR", "/tmp"),
                   "IDP_TEST_GIT_ROOT": os.path.join(WORK, "git"), "IDP_TEST_MOTO_URL": MOTO_URL,
                   "IDP_TEST_CACHE_DIR": os.path.join(WORK, "cache"), "IDP_TEST_LOG_DIR": os.path.join(WORK, "logs"),
                   "SSL_CERT_FILE": self.ca_bundle, "CURL_CA_BUNDLE": self.ca_bundle}
        if self.release:
            run_env["IDP_RELEASE_BASE_URL"] = self.release_url
        # act runs every job of a matrix at once (only max-parallel bounds it, not --concurrent-jobs),
        # and its jobs share Go maps without a lock (act 0.2.89): with `secrets: inherit` every
        # expression a called workflow's job evaluates rewrites the caller's secrets map in place
        # (getWorkflowSecrets, pkg/runner/expression.go; a 16-wide matrix killed act here in 2 runs
        # of 18), and each job resolving an action writes LocalRepositoryCache.CacheDirCache (nektos/act
        # pull request 6055). A matrix of destroy.yml calls (ttl-cleanup.yml) can then kill act with
        # "fatal error: concurrent map ...", likelier the more cores run it, leaving the destroys half
        # run (scenario 5 on CI). With one OS thread for Go code the jobs still run together (they
        # wait on their steps' processes), and no map write is ever caught half done.
        run_env["GOMAXPROCS"] = "1"
        run_env.update(FAKED_CLOCK)
        run_env.update(env or {})
        with open(log_path, "w") as log:
            process = subprocess.Popen(command, cwd=repo, env=run_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.time() + timeout
            cancelled = False
            while process.poll() is None:
                if time.time() > deadline:
                    os.killpg(process.pid, signal.SIGKILL)
                    raise AssertionError(f"act {event} did not finish in {timeout} s; see {log_path}")
                if cancel_when and not cancelled and cancel_when in open(log_path, errors="replace").read():
                    os.kill(process.pid, signal.SIGINT)
                    cancelled = True
                time.sleep(0.5)
        text = open(log_path, errors="replace").read()
        if cancel_when:
            assert cancelled, f"never saw {cancel_when!r} to cancel on; see {log_path}"
        elif expect_success and process.returncode != 0:
            # A crash of act itself starts long before the tail (a goroutine dump): name it first.
            crash = [line for line in text.splitlines() if line.startswith(("fatal error:", "panic:"))][:3]
            raise AssertionError(f"act {event} failed (exit {process.returncode}); see {log_path}\n" + "".join(c + "\n" for c in crash) + tail(text))
        elif not expect_success and process.returncode == 0:
            raise AssertionError(f"act {event} should have failed; see {log_path}\n" + tail(text))
        return text

    def write_claims(self, repo, event, payload, workflow, called, release=RELEASE_TAG, self_hosted=False):
        """The claims GitHub would put in this run's OIDC tokens: the repository whose event started
        it, the platform workflow (at the ref the caller pinned) that defines its jobs, the runner's
        kind, and the sub GitHub writes from them: with the subject customisation the setup has every
        repository set (repo, context, job_workflow_ref, runner_environment), else GitHub's default.
        (A job in an environment has context environment:<name>; the doubles give a run one token.)"""
        repository = os.path.relpath(repo, os.path.join(WORK, "git")) if repo.startswith(os.path.join(WORK, "git")) else PLATFORM
        if workflow in PLATFORM_OWN:
            called, ref = called or "destroy", "refs/heads/main"  # the platform's scheduled runs, on its default branch
        else:
            default = ("command" if event == "issue_comment" else "destroy" if event == "delete" or payload.get("action") in ("closed", "unlabeled")
                       else "provision")
            called, ref = called or default, f"refs/tags/{release}"
        sha = {HOSTING_TAG: self.hosting_sha}.get(release, self.platform_sha)
        kind = "self-hosted" if self_hosted else "github-hosted"
        context = "pull_request" if event == "pull_request" else "ref:refs/heads/main"
        workflow_ref = f"{PLATFORM}/.github/workflows/{called}.yml@{ref}"
        sub = (f"repo:{repository}:{context}" if repository in self.default_subject
               else f"repo:{repository}:{context}:job_workflow_ref:{workflow_ref}:runner_environment:{kind}")
        claims = {"repository": repository, "repository_owner": repository.split("/")[0], "event_name": event, "sub": sub,
                  "job_workflow_ref": workflow_ref, "job_workflow_sha": sha, "runner_environment": kind}
        json.dump(claims, open(os.path.join(self.oidc_claims, f"{self.runs}.json"), "w"))

    def consumer_event(self, action, number, branch, sha, fork=None, labels=(), label=None, repository=CONSUMER):
        """A pull request event of the consumer (or `repository`); fork=DELETED_FORK gives head.repo null,
        as GitHub sends it for a pull request whose fork was deleted."""
        head_repo = None if fork is DELETED_FORK else {"full_name": fork or repository}
        owner, name = repository.split("/")
        event = {"action": action, "number": number,
                 "pull_request": {"number": number, "head": {"ref": branch, "sha": sha, "repo": head_repo},
                                  "base": {"ref": "main", "repo": {"full_name": repository}}, "merged": False,
                                  "labels": [{"name": name} for name in labels]},
                 "repository": {"full_name": repository, "id": REPOSITORY_IDS[repository], "owner": {"login": owner}, "name": name},
                 "sender": {"login": "alice"}}
        if label:
            event["label"] = {"name": label}
        return event

    def set_pull_state(self, number, state=None, merged=False, repository=CONSUMER, **fields):
        """What GitHub says of the pull request from now on (GET /repos/…/pulls/N): its state, and
        labels=[…], head_repo=… or author=… when given."""
        if state is not None:
            fields.update(state=state, merged=merged)
        request = urllib.request.Request(f"{self.github_url}/_pulls/{repository}/{number}", method="POST", data=json.dumps(fields).encode())
        urllib.request.urlopen(request).read()

    def command(self, number, body, login, **kwargs):
        """`login` comments `body` on pull request `number` of the consumer: the comment as GitHub
        stores it, then the issue_comment event (which runs on the default branch). Returns the
        run's log and the comment's id."""
        request = urllib.request.Request(f"{self.github_url}/_comments/{CONSUMER}/{number}", method="POST",
                                         data=json.dumps({"login": login, "body": body}).encode())
        comment = json.load(urllib.request.urlopen(request))
        git(self.consumer, "checkout", "-q", "main")
        association = {"alice": "OWNER", "walt": "COLLABORATOR", "mona": "MEMBER", "rita": "COLLABORATOR"}.get(login, "NONE")
        event = {"action": "created", "issue": {"number": number, "pull_request": {"url": f"https://api.github.com/repos/{CONSUMER}/pulls/{number}"}},
                 "comment": {"id": comment["id"], "body": body, "user": {"login": login}, "author_association": association},
                 "repository": {"full_name": CONSUMER, "owner": {"login": "acme"}, "name": "payments"}}
        log = self.act(self.consumer, "issue_comment", event, TOKENS["consumer"], ".github/workflows/preview-env.yml", **kwargs)
        return log, comment["id"]

    def reactions(self, number, comment_id):
        """The reactions GitHub counts on a comment, e.g. {"+1": 1, "confused": 0, …}."""
        return next(c for c in self.comments(number) if c["id"] == comment_id)["reactions"]

    def ours(self, number, repository=CONSUMER):
        """The platform's comments on a pull request (the people's commands left out)."""
        return [c for c in self.comments(number, repository) if c["user"]["login"].endswith("[bot]")]

    def pull_request(self, action, number, branch, sha, fork=None, token="consumer", labels=(), label=None, workflow="preview-env.yml",
                     event="pull_request", repository=CONSUMER, **kwargs):
        if action in ("closed", "reopened"):
            self.set_pull_state(number, "closed" if action == "closed" else "open", repository=repository)
        return self.act(os.path.join(WORK, "git", repository), event, self.consumer_event(action, number, branch, sha, fork, labels, label, repository),
                        TOKENS[token], f".github/workflows/{workflow}", **kwargs)

    def intruder_pull_request(self, number, branch, workflow, **kwargs):
        """acme/intruder opens a pull request from its own branch, running `workflow` of its own."""
        sha = self.push(branch, f"intruder work on {branch}", repo=self.intruder)
        event = {"action": "opened", "number": number,
                 "pull_request": {"number": number, "head": {"ref": branch, "sha": sha, "repo": {"full_name": INTRUDER}},
                                  "base": {"ref": "main", "repo": {"full_name": INTRUDER}}, "merged": False},
                 "repository": {"full_name": INTRUDER, "owner": {"login": "acme"}, "name": "intruder"}}
        return self.act(self.intruder, "pull_request", event, TOKENS["intruder"], workflow, **kwargs)

    def comments(self, number, repository=CONSUMER):
        state = json.load(urllib.request.urlopen(f"{self.github_url}/_state"))
        return state.get(f"{repository}#{number}", [])


# acme/orders' files before it is onboarded: its Dockerfile says its port and health check.
ONBOARDED_FILES = {
    "Dockerfile": "FROM nginx:alpine\nEXPOSE 8080\nHEALTHCHECK CMD wget -qO- http://localhost:8080/health || exit 1\nCOPY index.html /usr/share/nginx/html/\n",
    "index.html": "<h1>orders</h1>\n",
}
DELETED_FORK = object()  # consumer_event's fork= for a pull request whose fork is gone (head.repo null)


def record(name):
    try:
        return json.loads(s3.get_object(Bucket=BUCKET, Key=f"environments/{name}/metadata.json")["Body"].read())
    except s3.exceptions.NoSuchKey:
        return None


def live_environments():
    """Names of the environments with a record (any status)."""
    return {k.split("/")[1] for k in keys("environments/") if k.endswith("/metadata.json")}


def forget_environments(names):
    """Takes the records of `names` out of the store, so that what a failed scenario left behind
    does not count against the owner's guardrail in the scenarios after it (their failures would
    hide the first one). Only the records: what else it left stays for reading its logs."""
    for name in sorted(names):
        s3.delete_object(Bucket=BUCKET, Key=f"environments/{name}/metadata.json")


def keys(prefix):
    return sorted(o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
                  for o in page.get("Contents", []))


def image_tags():
    return sorted(t for page in ecr.get_paginator("describe_images").paginate(repositoryName=ECR_REPO)
                  for d in page["imageDetails"] for t in d.get("imageTags", []))


def state_backups(name):
    """The state backups finalize left for `name` (the variables are kept beside each)."""
    return [k for k in keys(f"backups/{name}/") if k.endswith(".tfstate.gz")]


def backed_up_state(name):
    """The one state backup finalize left for `name`, decompressed."""
    backups = [k for k in keys(f"backups/{name}/") if k.endswith(".tfstate.gz")]
    assert len(backups) == 1, backups
    return json.loads(gzip.decompress(s3.get_object(Bucket=BUCKET, Key=backups[0])["Body"].read()))


def assumed_roles():
    path = os.path.join(WORK, "logs", "assume-role.log")
    return open(path).read().splitlines() if os.path.exists(path) else []


def only_comment(world, number):
    comments = world.comments(number)
    assert len(comments) == 1, f"#{number} should have one comment, has {len(comments)}: {[c['body'][:80] for c in comments]}"
    return comments[0]


def tail(text, lines=60):
    return "\n".join(text.splitlines()[-lines:])


# The scenarios run in this order and build on each other, as a repository's history would.
# Those that start from what earlier ones left say so with @needs: selecting one on the command
# line runs what it needs first.

def needs(*numbers):
    def mark(scenario):
        scenario.needs = numbers
        return scenario
    return mark


def cleaned_up_by(number):
    """What this scenario leaves live counts against the harness's 4 environments per owner until
    scenario `number` destroys it: selected with a later scenario, `number` runs too."""
    def mark(scenario):
        scenario.cleaned_up_by = number
        return scenario
    return mark


@cleaned_up_by(3)
def scenario_1_pull_request_opened(world):
    """PR opened on feature/payment-api → record active, one sticky comment with the endpoint."""
    sha = world.push("feature/payment-api", "first change")
    log = world.pull_request("opened", 7, "feature/payment-api", sha)
    r = record("preview-payment-api")
    assert r and r["status"] == "active", f"record: {r}"
    assert r["repository"] == CONSUMER and r["branch"] == "feature/payment-api" and r["pr_number"] == 7, r
    assert r["image"].endswith(f"/{ECR_REPO}:preview-payment-api-{sha}"), r["image"]
    stored = keys("environments/preview-payment-api/")
    for name in ("terraform.tfstate", "terraform.tfvars.json", "outputs.json", "metadata.json"):
        assert f"environments/preview-payment-api/{name}" in stored, stored
    assert f"preview-payment-api-{sha}" in image_tags(), image_tags()
    comment = only_comment(world, 7)
    assert comment["user"]["login"] == "github-actions[bot]", comment["user"]
    body = comment["body"]
    assert body.startswith("<!-- mini-idp:preview-environment:preview-payment-api -->"), body[:120]
    assert "is ready" in body and "http://preview-payment-api-alb-" in body and sha[:12] in body, body
    # The estimate idp-ttl create recorded (default api-service with its own load balancer).
    assert "| Estimated cost | about $1.40 a day; $4.19 until it expires |" in body, body
    if world.release:
        assert "::set-output:: method=release" in log and "Building for production" not in log, tail(log)
    world.ready_comment_id = comment["id"]
    world.first_expiry = r["expires_at"]
    world.first_tag = f"preview-payment-api-{sha}"


@needs(1)
def scenario_2_another_push(world):
    """Another push → same comment updated, expiry extended; a re-run of the same commit passes
    although ECR tags are immutable."""
    time.sleep(1.1)  # expiry has one-second resolution
    sha = world.push("feature/payment-api", "second change")
    world.pull_request("synchronize", 7, "feature/payment-api", sha)
    r = record("preview-payment-api")
    assert r["status"] == "active" and r["expires_at"] > world.first_expiry, (r, world.first_expiry)
    # The second apply describes the same environment: its created_at (and idp:created-at tag)
    # is the record's, its expiry the extended one.
    tfvars = json.loads(s3.get_object(Bucket=BUCKET, Key="environments/preview-payment-api/terraform.tfvars.json")["Body"].read())
    assert tfvars["created_at"] == r["created_at"] == tfvars["tags"]["idp:created-at"], (tfvars["created_at"], r["created_at"])
    assert tfvars["expires_at"] == r["expires_at"], (tfvars["expires_at"], r["expires_at"])
    comment = only_comment(world, 7)
    assert comment["id"] == world.ready_comment_id and sha[:12] in comment["body"], comment
    rerun = world.pull_request("synchronize", 7, "feature/payment-api", sha)
    assert "is already in ECR (tags are immutable); reusing it" in rerun, tail(rerun)
    assert image_tags().count(f"preview-payment-api-{sha}") == 1
    # Per-environment retention: the first push's image went once the second one ran.
    assert world.first_tag not in image_tags(), image_tags()
    assert only_comment(world, 7)["id"] == world.ready_comment_id


@needs(1)
def scenario_3_closed_then_deleted(world):
    """PR closed, then the branch deleted → destroyed and finalized once; the second event is a
    green no-op."""
    sha = git(world.consumer, "rev-parse", "feature/payment-api")
    world.pull_request("closed", 7, "feature/payment-api", sha)
    assert record("preview-payment-api") is None
    assert keys("environments/preview-payment-api/") == [], keys("environments/preview-payment-api/")
    backups = keys("backups/preview-payment-api/")
    assert backed_up_state("preview-payment-api")["resources"] == [], "tofu destroy did not run before finalize"
    assert not [t for t in image_tags() if t.startswith("preview-payment-api-")], image_tags()
    locks = ddb.scan(TableName=TABLE)["Items"]
    assert not [i for i in locks if "preview-payment-api" in i["LockID"]["S"]], locks
    assert "was destroyed" in only_comment(world, 7)["body"]
    git(world.consumer, "checkout", "-q", "main")
    log = world.act(world.consumer, "delete", {"ref": "feature/payment-api", "ref_type": "branch",
                                               "repository": {"full_name": CONSUMER}}, TOKENS["consumer"],
                    ".github/workflows/preview-env.yml")
    assert "no record of preview-payment-api: nothing to do" in log, tail(log)
    assert keys("backups/preview-payment-api/") == backups


def scenario_4_fork(world):
    """A pull request from a fork → validated, nothing touches AWS, green, comment in the summary."""
    before = len(assumed_roles())
    sha = world.push("feature/fork-change", "a contribution from a fork")
    log = world.pull_request("opened", 8, "feature/fork-change", sha, fork="mallory/payments", token="fork")
    assert len(assumed_roles()) == before, assumed_roles()[before:]
    assert record("preview-fork-change") is None and keys("environments/preview-fork-change/") == []
    assert world.comments(8) == [], world.comments(8)
    assert "Success - Main Validate every input and .idp/config.yml" in log, tail(log)
    assert "the comment is in the step summary instead" in log, tail(log)


def scenario_5_ttl_cleanup(world):
    """Scheduled ttl-cleanup.yml with 3 expired environments → a matrix destroys exactly those, and
    their pull requests' comments say destroyed (through the platform's App)."""
    ten_days_ago = from_now(days=-10)
    for number, branch in ((11, "feature/expired-a"), (12, "feature/expired-b"), (13, "feature/expired-c")):
        world.pull_request("opened", number, branch, world.push(branch, f"work on {branch}"), env={"IDP_NOW": ten_days_ago})
    world.pull_request("opened", 14, "feature/fresh", world.push("feature/fresh", "fresh work"))
    expired = ["preview-expired-a", "preview-expired-b", "preview-expired-c"]
    for name in expired + ["preview-fresh"]:
        assert record(name)["status"] == "active", record(name)
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    for name, number in zip(expired, (11, 12, 13)):
        assert record(name) is None and backed_up_state(name)["resources"] == [], (name, record(name), tail(log, 120))
        assert "was destroyed" in only_comment(world, number)["body"], only_comment(world, number)
    assert record("preview-fresh")["status"] == "active"
    assert "is ready" in only_comment(world, 14)["body"]
    assert [t for t in image_tags() if t.startswith("preview-fresh-")], image_tags()
    # The platform's other scheduled run renders what is left.
    dashboard = world.act(world.platform_run, "schedule", {"schedule": "47 * * * *"}, TOKENS["platform"],
                          ".github/workflows/update-dashboard.yml")
    assert re.search(r"\| preview-fresh \| active \| api-service \| alice \|", dashboard), tail(dashboard)
    assert "preview-expired-a" not in dashboard


def scenario_6_failed_apply(world):
    """A first apply that fails → status failed; destroy.yml still succeeds and finalizes."""
    sha = world.push("feature/broken", "breaks the apply")
    world.pull_request("opened", 15, "feature/broken", sha, env={"IDP_TEST_TOFU_FAIL": "preview-broken"}, expect_success=False)
    r = record("preview-broken")
    assert r and r["status"] == "failed", r
    assert "failed to provision" in only_comment(world, 15)["body"]
    world.pull_request("closed", 15, "feature/broken", sha)
    assert record("preview-broken") is None
    # What the failed apply created was destroyed: the state finalize backed up holds nothing.
    assert backed_up_state("preview-broken")["resources"] == [], backed_up_state("preview-broken")
    assert "was destroyed" in only_comment(world, 15)["body"]


@needs(5)
def scenario_7_cancelled_apply(world):
    """A run cancelled during apply → the record does not stay provisioning: the next scheduled
    scan marks an abandoned provision failed."""
    sha = world.push("feature/slow", "a slow apply")
    world.pull_request("opened", 16, "feature/slow", sha, env={"IDP_TEST_TOFU_SLOW": "preview-slow"},
                       cancel_when="Still creating")
    r = record("preview-slow")
    assert r and r["status"] in ("provisioning", "failed"), r
    if r["status"] == "provisioning":  # act does not run `if: cancelled()` steps; GitHub does
        later = from_now(hours=2)
        log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"],
                        ".github/workflows/ttl-cleanup.yml", secrets={"IDP_APP_PRIVATE_KEY": APP_KEY}, env={"IDP_NOW": later})
        assert "abandoned preview-slow" in log, tail(log)
    r = record("preview-slow")
    assert r["status"] == "failed", r
    assert "failed to provision" in only_comment(world, 16)["body"]
    assert record("preview-fresh")["status"] == "active"


@needs(5, 7)
def scenario_8_guardrail(world):
    """A new environment beyond the platform's guardrail (4 per owner) → refused before anything is
    created: no record, no AWS resources, the run fails and the comment says which limit and why."""
    live = [n for n in ("preview-fresh", "preview-slow") if record(n)]
    assert len(live) == 2, live
    for number, branch in ((17, "feature/more-a"), (18, "feature/more-b")):
        world.pull_request("opened", number, branch, world.push(branch, f"work on {branch}"))
        assert "is ready" in only_comment(world, number)["body"]
    log = world.pull_request("opened", 19, "feature/more-c", world.push("feature/more-c", "one too many"), expect_success=False)
    assert "[guardrail.owner]" in log and "already has 4 environments" in log, tail(log)
    assert record("preview-more-c") is None and not keys("environments/preview-more-c/")
    # The image built before the check was removed with the refusal.
    assert not [t for t in image_tags() if t.startswith("preview-more-c-")], image_tags()
    body = only_comment(world, 19)["body"]
    assert "failed to provision" in body and "&gt;" not in body and "> " in body and "max_environments_per_owner" in body, body


def untouched(world, name, number):
    """Everything of one of acme/payments' environments that a second tenant must not change: the
    record (bytes), the state and other objects, its images and its pull request's comment."""
    body = s3.get_object(Bucket=BUCKET, Key=f"environments/{name}/metadata.json")["Body"].read()
    objects = {k: s3.head_object(Bucket=BUCKET, Key=k)["ETag"] for k in keys(f"environments/{name}/")}
    images = [t for t in image_tags() if t.startswith(f"{name}-")]
    return body, objects, images, world.comments(number)


def assert_no_fork_code():
    mark = os.path.join(WORK, "logs", "fork-code-ran")
    assert not os.path.exists(mark), "code from the platform's fork ran inside the platform's jobs"


@needs(5)
def scenario_9_tenant_destroys_another(world):
    """A second tenant calls destroy.yml naming acme/payments' environment → refused (exit 3) before
    anything of it is shown (its log never names acme/payments, the branch or the pull request), and
    the record, state, images and comment of that environment are untouched."""
    assert record("preview-fresh")["status"] == "active" and record("preview-fresh")["repository"] == CONSUMER
    before = untouched(world, "preview-fresh", 14)
    log = world.intruder_pull_request(31, "feature/attack-a", ".github/workflows/destroy-other.yml", expect_success=False)
    assert "[tenancy.not-shown]" in log and "is not one of acme/intruder's environments" in log, tail(log)
    for secret in (CONSUMER, "feature/fresh", "pr_number=14"):
        assert secret not in log, f"the intruder's log shows {secret}: " + tail(log)
    assert untouched(world, "preview-fresh", 14) == before
    assert world.comments(31) == [], world.comments(31)


@needs(5)
def scenario_10_tenant_names_a_fork(world):
    """A second tenant calls provision.yml and destroy.yml with inputs naming its own fork of the
    platform → the fork's code never runs, and acme/payments' environment is untouched."""
    before = untouched(world, "preview-fresh", 14)
    log = world.intruder_pull_request(32, "feature/attack-b", ".github/workflows/fork-code.yml", expect_success=False)
    assert_no_fork_code()
    assert "checked out " + PLATFORM_FORK not in log, tail(log)
    assert untouched(world, "preview-fresh", 14) == before


@needs(5)
def scenario_11_tenant_shares_a_branch_name(world):
    """A second tenant opens a pull request on a branch acme/payments also uses (feature/fresh) →
    the name stays acme/payments' (refused, exit 3), its environment untouched."""
    before = untouched(world, "preview-fresh", 14)
    log = world.intruder_pull_request(33, "feature/fresh", ".github/workflows/preview-env.yml", expect_success=False)
    assert "[metadata.conflict]" in log and "already belongs to acme/payments" in log, tail(log)
    body, objects, images, comments = untouched(world, "preview-fresh", 14)
    assert (body, objects, comments) == (before[0], before[1], before[3])
    # Every image of acme/payments is still there (the refused run's own build stays under the taken
    # name until the owner's next prune; naming: repository gives the two repositories two names).
    assert set(before[2]) <= set(images), (before[2], images)
    assert record("preview-fresh")["repository"] == CONSUMER
    assert_no_fork_code()


@needs(8)
def scenario_12_private_platform(world):
    """The platform repository made private → a consumer without the reader App's secrets cannot
    check it out (the run fails, nothing provisioned); with them, the platform is read and its
    release downloaded with the reader App's token, and the environment is provisioned."""
    # A slot under the owner's guardrail (scenario 8 filled it): #18 is closed and destroyed.
    world.pull_request("closed", 18, "feature/more-b", git(world.consumer, "rev-parse", "feature/more-b"))
    assert record("preview-more-b") is None
    marker = os.path.join(WORK, "git", PLATFORM + ".private")
    open(marker, "w").close()
    try:
        sha = world.push("feature/private-platform", "a change while the platform is private")
        log = world.pull_request("opened", 20, "feature/private-platform", sha, expect_success=False)
        assert "Repository not found: acme/mini-idp is private" in log, tail(log)
        assert record("preview-private-platform") is None
        requests_before = len(open(os.path.join(WORK, "logs", "github-requests.jsonl")).read().splitlines())
        world.pull_request("synchronize", 20, "feature/private-platform", sha,
                           secrets={"IDP_PLATFORM_READER_APP_ID": READER_ID, "IDP_PLATFORM_READER_KEY": READER_KEY})
        assert record("preview-private-platform")["status"] == "active", record("preview-private-platform")
        requests = [json.loads(line) for line in open(os.path.join(WORK, "logs", "github-requests.jsonl")).read().splitlines()[requests_before:]]
        assert any(r["path"] == f"/repos/{PLATFORM}" for r in requests), "the checkout never asked whether the token may read the platform"
        if world.release:
            assert any(r["path"] == f"/repos/{PLATFORM}/releases/tags/{RELEASE_TAG}" for r in requests), "the release was not read through the API"
    finally:
        os.remove(marker)


LOCK_ID = "{bucket}/environments/{name}/terraform.tfstate"


def seed_lock(name, age):
    """A state lock as a runner killed inside `tofu apply` leaves it, taken `age` ago."""
    created = (now_utc() - age).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    info = json.dumps({"ID": f"killed-{name}", "Operation": "OperationTypeApply", "Info": "", "Who": "runner@fv-az42",
                       "Version": "1.10.6", "Created": created, "Path": LOCK_ID.format(bucket=BUCKET, name=name)})
    ddb.put_item(TableName=TABLE, Item={"LockID": {"S": LOCK_ID.format(bucket=BUCKET, name=name)}, "Info": {"S": info}})
    return info


def lock_info(name):
    item = ddb.get_item(TableName=TABLE, Key={"LockID": {"S": LOCK_ID.format(bucket=BUCKET, name=name)}}).get("Item")
    return item and item["Info"]["S"]


@needs(5)
def scenario_13_orphaned_lock_on_push(world):
    """A push after a killed apply (its lock 3 h old) → the lock is removed, logged, and the push deploys."""
    seed_lock("preview-fresh", timedelta(hours=3))
    sha = world.push("feature/fresh", "after a killed apply")
    log = world.pull_request("synchronize", 14, "feature/fresh", sha)
    assert "removed orphaned lock: DynamoDB" in log and "runner@fv-az42" in log and "lock ID killed-preview-fresh" in log, tail(log)
    assert lock_info("preview-fresh") is None
    assert record("preview-fresh")["status"] == "active" and sha[:12] in only_comment(world, 14)["body"]


@needs(5)
def scenario_14_young_lock_survives(world):
    """A lock taken a minute ago → a push leaves it untouched and fails, saying who holds it and what a
    person can run; nothing is lost, and once the lock is gone the next push deploys."""
    info = seed_lock("preview-fresh", timedelta(minutes=1))
    state = s3.get_object(Bucket=BUCKET, Key="environments/preview-fresh/terraform.tfstate")["Body"].read()
    sha = world.push("feature/fresh", "while another apply holds the lock")
    log = world.pull_request("synchronize", 14, "feature/fresh", sha, env={"IDP_TEST_TOFU_MAX_LOCK_WAIT": "2"}, expect_success=False)
    assert "a run may still hold it" in log and "tofu force-unlock killed-preview-fresh" in log, tail(log)
    assert "Error acquiring the state lock" in log, tail(log)
    assert lock_info("preview-fresh") == info
    assert s3.get_object(Bucket=BUCKET, Key="environments/preview-fresh/terraform.tfstate")["Body"].read() == state
    ddb.delete_item(TableName=TABLE, Key={"LockID": {"S": LOCK_ID.format(bucket=BUCKET, name="preview-fresh")}})  # the person's force-unlock
    world.pull_request("synchronize", 14, "feature/fresh", sha)
    assert record("preview-fresh")["status"] == "active"


@needs(8)
def scenario_15_destroy_after_killed_apply(world):
    """Closing a pull request whose last apply was killed (lock 3 h old) → destroyed and finalized."""
    seed_lock("preview-more-a", timedelta(hours=3))
    log = world.pull_request("closed", 17, "feature/more-a", git(world.consumer, "rev-parse", "feature/more-a"))
    assert "removed orphaned lock" in log, tail(log)
    assert record("preview-more-a") is None and backed_up_state("preview-more-a")["resources"] == []
    assert lock_info("preview-more-a") is None
    assert "was destroyed" in only_comment(world, 17)["body"]


@needs(5)
def scenario_16_closed_pull_requests(world):
    """A pull request closed without a workflow run (merge conflicts) → the next scan destroys its
    environment, saying why; a provision that starts after its pull request closed records nothing."""
    world.pull_request("opened", 21, "feature/conflicted", world.push("feature/conflicted", "conflicts with main"))
    assert record("preview-conflicted")["status"] == "active"
    world.set_pull_state(21, "closed")  # no event: GitHub runs no pull_request workflow for it
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert "destroy preview-conflicted: pull request #21 was closed" in log, tail(log)
    assert record("preview-conflicted") is None and "was destroyed" in only_comment(world, 21)["body"]
    assert record("preview-fresh")["status"] == "active", "an open pull request's environment was destroyed"
    world.set_pull_state(22, "closed")
    log = world.pull_request("opened", 22, "feature/late", world.push("feature/late", "closed before its provision ran"))
    assert "pull request #22 of acme/payments is closed: preview-late is not recorded or provisioned" in log, tail(log)
    assert record("preview-late") is None and keys("environments/preview-late/") == []


@needs(12)
def scenario_17_closed_and_deleted_together(world):
    """Merging with branch auto-delete: `closed` and `delete` at once → both runs green, the environment
    destroyed and finalized once (the second destroy waits in the group, then finds nothing to do)."""
    import threading
    name, branch = "preview-private-platform", "feature/private-platform"
    assert record(name)["status"] == "active"
    released = os.path.join(WORK, "group-released")
    git(world.consumer, "checkout", "-q", "main")
    results = {}
    def deleted():
        try:
            results["delete"] = world.act(world.consumer, "delete", {"ref": branch, "ref_type": "branch", "repository": {"full_name": CONSUMER}},
                                          TOKENS["consumer"], ".github/workflows/preview-env.yml", env={"IDP_TEST_HOLD_JOB": f"destroy:{released}"})
        except Exception as error:  # noqa: BLE001 - reported below
            results["delete"] = error
    runner = threading.Thread(target=deleted)
    runner.start()
    log_path = os.path.join(WORK, "logs", f"act-{world.runs}-delete.log")
    deadline = time.time() + 600
    while "[destroy/Destroy environment/record] 🏁  Job succeeded" not in (open(log_path).read() if os.path.exists(log_path) else ""):
        assert time.time() < deadline and runner.is_alive(), "the delete run's record job did not finish"
        time.sleep(0.5)
    world.set_pull_state(20, "closed", merged=True)
    closed = world.act(world.consumer, "pull_request", world.consumer_event("closed", 20, branch, git(world.consumer, "rev-parse", branch)),
                       TOKENS["consumer"], ".github/workflows/preview-env.yml")
    open(released, "w").close()
    runner.join()
    assert not isinstance(results["delete"], Exception), results["delete"]
    assert "no record of preview-private-platform: nothing to do" in results["delete"], tail(results["delete"])
    assert "marked preview-private-platform: destroying" in closed
    assert record(name) is None and len(state_backups(name)) == 1 and keys(f"environments/{name}/") == []


@needs(5)
def scenario_18_comment_cannot_be_written(world):
    """A scheduled destroy of an environment whose repository has no installation of the platform's App
    → destroyed and finalized, the run green with a warning about the comment."""
    now = now_utc()
    seeded = dict(record("preview-fresh"), name="preview-globex-shop", repository="globex/shop", branch="feature/shop", pr_number=5,
                  image=None, status="active", created_at=iso(now - timedelta(days=3)), status_changed_at=iso(now - timedelta(days=3)),
                  expires_at=iso(now - timedelta(hours=1)), destroy_attempts=0)
    s3.put_object(Bucket=BUCKET, Key="environments/preview-globex-shop/metadata.json", Body=json.dumps(seeded).encode())
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert record("preview-globex-shop") is None, record("preview-globex-shop")
    assert "the comment on globex/shop#5 still says the environment exists" in log, tail(log)


@needs(5)
def scenario_19_older_push_runs_late(world):
    """Two pushes whose runs finish out of order → the older commit's run does not apply over the newer
    one: the environment keeps the newer commit, image and comment."""
    older = world.push("feature/fresh", "an older push")
    newer = world.push("feature/fresh", "a newer push")
    world.pull_request("synchronize", 14, "feature/fresh", newer)
    deployed = record("preview-fresh")
    assert deployed["deployed_commit"] == newer, deployed
    log = world.pull_request("synchronize", 14, "feature/fresh", older)
    assert f"{older[:12]} is older than {newer[:12]}" in log and "not applied" in log, tail(log)
    after = record("preview-fresh")
    assert after["deployed_commit"] == newer and after["status"] == "active", after
    tfvars = json.loads(s3.get_object(Bucket=BUCKET, Key="environments/preview-fresh/terraform.tfvars.json")["Body"].read())
    assert newer[:7] in json.dumps(tfvars), "the stored variables are the older push's"
    assert newer[:12] in only_comment(world, 14)["body"]


@needs(5)
def scenario_20_another_owner(world):
    """An environment of another organisation's repository (initech/app, where the platform's App is
    installed too) whose pull request closed without an event reaching the platform → the scan reads it
    through the App's installation on that owner (a token it mints itself) and destroys it."""
    now = now_utc()
    seeded = dict(record("preview-fresh"), name="preview-initech-app", repository="initech/app", branch="feature/app", pr_number=9,
                  owner="carol", image=None, status="active", created_at=iso(now - timedelta(hours=2)),
                  status_changed_at=iso(now - timedelta(hours=2)), expires_at=iso(now + timedelta(days=2)), destroy_attempts=0, deployed_commit=None)
    s3.put_object(Bucket=BUCKET, Key="environments/preview-initech-app/metadata.json", Body=json.dumps(seeded).encode())
    world.set_pull_state(9, "closed", repository="initech/app")
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert "destroy preview-initech-app: pull request #9 was closed" in log, tail(log)
    assert record("preview-initech-app") is None
    assert record("preview-fresh")["status"] == "active", "an open pull request's environment was destroyed"
    requests = [json.loads(line) for line in open(os.path.join(WORK, "logs", "github-requests.jsonl"))]
    assert any(r["path"] == "/orgs/initech/installation" and not r["auth"].startswith("Bearer test-jwt") for r in requests), \
        "the scan did not look up the App's installation on initech with its own JWT"


def section(body, name):
    """The text of one section the platform wrote after the comment (PRComment.Section), or None."""
    marker = f"<!-- mini-idp:section:{name} -->"
    return body.split(marker, 1)[1].split("<!-- mini-idp:section:", 1)[0] if marker in body else None


def scenario_21_comment_commands(world):
    """/preview extend 3d by a writer moves expires_at (👍, answered in the sticky comment); the same by a
    read-only user is refused and changes nothing (😕); /preview foo answers with the help text."""
    world.pull_request("opened", 23, "feature/commands", world.push("feature/commands", "steered from the pull request"))
    created = record("preview-commands")
    time.sleep(1.1)
    log, walt = world.command(23, "/preview extend 3d", "walt")
    extended = record("preview-commands")
    expected = now_utc() + timedelta(days=3)
    got = datetime.strptime(extended["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert extended["expires_at"] > created["expires_at"] and abs((got - expected).total_seconds()) < 600, (created, extended)
    assert world.reactions(23, walt)["+1"] == 1 and world.reactions(23, walt)["confused"] == 0, world.reactions(23, walt)
    comments = world.ours(23)
    assert len(comments) == 1, [c["body"][:80] for c in comments]
    answer = section(comments[0]["body"], "command")
    assert answer and "@walt asked" in answer and "now expires " + extended["expires_at"] in answer, comments[0]["body"]
    etag = s3.head_object(Bucket=BUCKET, Key="environments/preview-commands/metadata.json")["ETag"]
    log, rita = world.command(23, "/preview extend 30d", "rita")
    assert s3.head_object(Bucket=BUCKET, Key="environments/preview-commands/metadata.json")["ETag"] == etag, "a reader's command changed the record"
    assert record("preview-commands") == extended
    assert world.reactions(23, rita)["confused"] == 1 and world.reactions(23, rita)["+1"] == 0
    answer = section(world.ours(23)[0]["body"], "command")
    assert '@rita has "read" permission' in answer and "Nothing was changed" in answer, answer
    assert "command.refused" in log or "has \"read\" permission" in log, tail(log)
    log, unknown = world.command(23, "/preview foo", "walt")
    answer = section(world.ours(23)[0]["body"], "command")
    assert '"foo" is not a command' in answer and world.reactions(23, unknown)["confused"] == 1, answer
    assert len(world.ours(23)) == 1, "a command added a comment"
    assert record("preview-commands") == extended
    world.pull_request("closed", 23, "feature/commands", git(world.consumer, "rev-parse", "feature/commands"))
    assert record("preview-commands") is None  # room under the harness's 4 per owner for the scenarios after


def scenario_22_destroy_command(world):
    """/preview destroy by a maintainer → the real destroy path: tofu destroy, images, finalize; the
    sticky comment says destroyed and the command gets 👍."""
    world.pull_request("opened", 24, "feature/destroy-me", world.push("feature/destroy-me", "to be destroyed from a comment"))
    assert record("preview-destroy-me")["status"] == "active"
    log, mona = world.command(24, "/preview destroy", "mona")
    assert record("preview-destroy-me") is None and keys("environments/preview-destroy-me/") == [], keys("environments/preview-destroy-me/")
    assert backed_up_state("preview-destroy-me")["resources"] == [], "tofu destroy did not run before finalize"
    assert not [t for t in image_tags() if t.startswith("preview-destroy-me-")], image_tags()
    assert world.reactions(24, mona)["+1"] == 1
    comments = world.ours(24)
    assert len(comments) == 1 and "was destroyed" in comments[0]["body"], [c["body"][:120] for c in comments]


def scenario_23_command_on_a_fork(world):
    """A command on a fork's pull request, even by an admin → refused (😕), answered in the pull request's
    one commands comment, and nothing recorded."""
    world.set_pull_state(25, head_repo="mallory/payments")
    before = keys("environments/")
    log, alice = world.command(25, "/preview extend 3d", "alice")
    assert world.reactions(25, alice)["confused"] == 1, world.reactions(25, alice)
    comments = world.ours(25)
    assert len(comments) == 1 and comments[0]["body"].startswith("<!-- mini-idp:preview-commands -->"), comments
    assert 'the fork "mallory/payments"' in comments[0]["body"] and "Nothing was changed" in comments[0]["body"], comments[0]["body"]
    assert keys("environments/") == before


def scenario_24_label_mode(world):
    """With pull_requests.create: label (a settings change on the platform's default branch, no new
    release) → a pull request without the label gets nothing; adding the label provisions; another
    label changes nothing; removing the label destroys."""
    with world.live_settings(LABEL_SETTINGS):
        sha = world.push("feature/labelled", "only with the label")
        log = world.pull_request("opened", 26, "feature/labelled", sha)
        assert "skip provision: no environment without the label" in log, tail(log)
        assert record("preview-labelled") is None
        world.pull_request("labeled", 26, "feature/labelled", sha, labels=["preview"], label="preview")
        assert record("preview-labelled")["status"] == "active" and "is ready" in world.ours(26)[0]["body"]
        log = world.pull_request("labeled", 26, "feature/labelled", sha, labels=["preview", "bug"], label="bug")
        assert 'skip provision: "labeled" of "bug" changes nothing' in log, tail(log)
        log = world.pull_request("unlabeled", 26, "feature/labelled", sha, labels=["bug"], label="preview")
        assert "run destroy: the label \"preview\" was removed" in log, tail(log)
        assert record("preview-labelled") is None and len(state_backups("preview-labelled")) == 1
        assert "was destroyed" in world.ours(26)[0]["body"]


def scenario_25_keep_label_and_expiry_warning(world):
    """The scan skips an expired environment whose pull request carries preview:keep, and warns once, in
    the sticky comment with one mention of its author, of an environment that expires within a day."""
    world.pull_request("opened", 27, "feature/kept", world.push("feature/kept", "kept by its label"), env={"IDP_NOW": from_now(days=-10)})
    world.set_pull_state(27, labels=["preview:keep"])
    world.pull_request("opened", 28, "feature/expiring", world.push("feature/expiring", "expires soon"),
                       env={"IDP_NOW": from_now(days=-3, hours=20)})
    world.set_pull_state(28, author="walt")
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert 'keep preview-kept: expired 7d' in log and 'kept by the label "preview:keep"' in log, tail(log)
    assert record("preview-kept")["status"] == "active"
    warned = record("preview-expiring")
    assert warned["expiry_warned_for"] == warned["expires_at"], warned
    comments = world.ours(28)
    warning = section(comments[0]["body"], "expiry-warning")
    assert len(comments) == 1 and warning and "@walt this environment expires in 19h" in warning and "/preview extend 3d" in warning, comments
    assert warning.count("@") == 1, warning
    body = comments[0]["body"]
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert world.ours(28)[0]["body"] == body and "warned acme/payments#28" not in log, "warned twice of the same expiry"
    for number, branch in ((27, "feature/kept"), (28, "feature/expiring")):
        world.pull_request("closed", number, branch, git(world.consumer, "rev-parse", branch))
        assert record(f"preview-{branch.split('/')[1]}") is None


def scenario_26_sleep_and_wake(world):
    """sleep.yml with `Mon-Fri 07:00-20:00 Europe/Berlin`: on Saturday it scales the environment's
    service 2 → 0 and says until when on the pull request; a second run changes nothing; a push wakes
    it; Monday 07:00 wakes what slept again on Saturday."""
    ecs = boto3.client("ecs")
    name = "preview-sleepy"
    # Every step runs on one pinned clock, from the Friday before the coming Saturday (10:00 in
    # Berlin) to the Monday after: a record made at the real clock would be "deployed a moment ago"
    # (held awake for 2 hours) or already expired, depending on the day the suite runs.
    saturday = coming(5, 10, "Europe/Berlin")
    monday = coming(0, 7, "Europe/Berlin", after=saturday)
    def at(hours, base=saturday):  # a Saturday has no daylight-saving switch in Europe: hours add up
        return {"IDP_NOW": iso(base + timedelta(hours=hours))}
    world.pull_request("opened", 29, "feature/sleepy", world.push("feature/sleepy", "sleeps at weekends"), env=at(-24))
    # What tofu apply creates for api-service (the tofu double writes state, not resources).
    ecs.create_cluster(clusterName=f"{name}-cluster")
    ecs.register_task_definition(family=name, containerDefinitions=[{"name": "app", "image": "nginx", "memory": 512}])
    ecs.create_service(cluster=f"{name}-cluster", serviceName=name, taskDefinition=name, desiredCount=2)
    def desired():
        return ecs.describe_services(cluster=f"{name}-cluster", services=[name])["services"][0]["desiredCount"]
    def sleep_run(env):
        return world.act(world.platform_sleep_run, "schedule", {"schedule": "*/15 * * * *"}, TOKENS["platform"], ".github/workflows/sleep.yml",
                         secrets={"IDP_APP_PRIVATE_KEY": APP_KEY}, env=env)
    log = sleep_run(at(0))
    assert f"sleep {name}: outside the awake hours, until Mon 07:00 Europe/Berlin" in log, tail(log)
    r = record(name)
    assert r["status"] == "sleeping" and r["sleep"]["services"] == {f"{name}-cluster/{name}": 2} and desired() == 0, (r, desired())
    note = section(world.ours(29)[0]["body"], "sleep")
    assert note and "sleeping until Mon 07:00 Europe/Berlin" in note and "/preview wake" in note, world.ours(29)[0]["body"]
    log = sleep_run(at(4))
    assert record(name) == r and desired() == 0 and "::set-output:: unchanged=" in log, tail(log)
    world.pull_request("synchronize", 29, "feature/sleepy", world.push("feature/sleepy", "a push wakes it"), env=at(5))
    assert record(name)["status"] == "active" and desired() == 2, (record(name), desired())
    log = sleep_run(at(6))  # within the 2 hours a push holds it awake
    assert record(name)["status"] == "active" and desired() == 2 and f"stay {name}: deployed or woken 1h ago" in log, tail(log)
    sleep_run(at(8))
    assert record(name)["status"] == "sleeping" and desired() == 0
    log = sleep_run(at(0, base=monday))
    r = record(name)
    assert f"wake {name}" in log and r["status"] == "active" and r["sleep"] is None and desired() == 2, (r, tail(log))
    assert section(world.ours(29)[0]["body"], "sleep") is None, "the comment still says it sleeps"
    world.pull_request("closed", 29, "feature/sleepy", git(world.consumer, "rev-parse", "feature/sleepy"), env=at(1, base=monday))
    assert record(name) is None


# A workflow_dispatch payload as GitHub sends it for the platform's default branch.
DISPATCHED_ON_MAIN = {"ref": "refs/heads/main", "repository": {"full_name": PLATFORM, "default_branch": "main"}}


def scenario_27_orphans(world):
    """orphans.yml: a cluster tagged for an environment that was finalized long ago is reported with
    exactly what a clean-up would delete (a report changes nothing); dispatched with clean: true, the
    cluster is deleted by its tags and the log says so; a second clean finds nothing."""
    ecs = boto3.client("ecs")
    name, branch = "preview-orphaned", "feature/orphaned"
    world.pull_request("opened", 30, branch, world.push(branch, "leaves something behind"))
    world.pull_request("closed", 30, branch, git(world.consumer, "rev-parse", branch))
    assert record(name) is None and len(state_backups(name)) == 1
    # A resource the destroy lost track of (no state knows it), tagged as the templates tag it.
    arn = ecs.create_cluster(clusterName=f"{name}-cluster", tags=[{"key": k, "value": v} for k, v in {
        "idp:managed": "true", "idp:environment": name, "idp:repository": CONSUMER, "idp:template": "api-service",
        "idp:created-at": from_now(days=-3)}.items()])["cluster"]["clusterArn"]
    before = keys("")

    def dispatch(clean):
        return world.act(world.platform_run, "workflow_dispatch", dict(DISPATCHED_ON_MAIN, inputs={"clean": clean, "min_age": "24h"}), TOKENS["platform"],
                         ".github/workflows/orphans.yml", inputs={"clean": str(clean).lower(), "min_age": "24h"})
    log = dispatch(False)
    assert f"would delete ecs:cluster {arn} ({name})" in log, tail(log)
    assert keys("") == before and ecs.describe_clusters(clusters=[arn])["clusters"][0]["status"] == "ACTIVE", "a report changes nothing"
    log = dispatch(True)
    assert f"deleted ecs:cluster {arn} ({name})" in log, tail(log)
    assert ecs.describe_clusters(clusters=[arn])["clusters"][0]["status"] == "INACTIVE", tail(log)
    assert keys("") == before, "the records and backups are left as they were"
    log = dispatch(True)
    assert f"deleted ecs:cluster {arn}" not in log and "deleted 0, failed 0" in log, tail(log)


def scenario_28_release_plan(world):
    """release.yml's job graph (dispatched on main): without an arm64 runner (repository variable IDP_ARM64_RUNNER) a
    release plans x86_64 only and says so, and build-arm64 is skipped; with one, both architectures,
    the arm64 build on that label."""
    event = {"ref": "refs/heads/main", "inputs": {}, "repository": {"full_name": PLATFORM, "default_branch": "main"}}
    def plan(variables):
        log = world.act(world.platform_run, "workflow_dispatch", event, TOKENS["platform"], ".github/workflows/release.yml", job="plan",
                        variables=variables)
        found = re.search(r"::set-output:: arm64_runner=(.*)", log)
        assert found, tail(log)
        return found.group(1).strip(), log
    alone, log = plan({})
    assert alone == "" and "this release has x86_64 only" in log, (alone, tail(log))
    both, log = plan({"IDP_ARM64_RUNNER": "ubuntu-24.04-arm"})
    assert both == "ubuntu-24.04-arm" and "release for x86_64 and arm64" in log, tail(log)
    # The graph those outputs drive: x86_64 always, arm64 only with a runner, checksums after both.
    release = open(os.path.join(world.platform_run, ".github", "workflows", "release.yml")).read()
    assert "  build-arm64:\n    needs: [plan, release]\n    if: needs.plan.outputs.arm64_runner != ''\n    runs-on: ${{ needs.plan.outputs.arm64_runner }}" in release
    assert "needs.build-arm64.result == 'success' || needs.build-arm64.result == 'skipped'" in release
    # The tag is made last, at the commit that pins the built checksums (scripts/release-pin, checked in scripts/test-install).
    assert 'commit=$(scripts/release-pin "${TAG#v}" "$RUNNER_TEMP/sums" "$RUNNER_TEMP/assets")' in release and "--draft --target" in release
    # ... pinning the build jobs' own checksums (their outputs), never the draft's .sha256 files.
    assert "X86_64_SUM: ${{ needs.build.outputs.sum }}" in release and "ARM64_SUM: ${{ needs.build-arm64.outputs.sum }}" in release
    assert "--pattern '*.sha256'" not in release


def scenario_29_own_runners_and_mirrors(world):
    """A platform on its own runners and mirrors: runners: rendered into its workflows, so every job of
    provision.yml and destroy.yml runs where this host takes only the group's labels (none is skipped);
    the image is built for ARM64 tasks and the tfvars say so; OpenTofu comes from the mirror, checked
    against its SHA256SUMS, and providers from the network mirror."""
    with world.live_settings(world.hosting_settings):  # its settings, on its default branch
        sha = world.push("feature/own-runners", "on our own runners")
        runners = ("idp-test", "idp-build")  # not ubuntu-24.04: a job still on it would be skipped
        log = world.pull_request("opened", 34, "feature/own-runners", sha, workflow="preview-env-hosting.yml", release=HOSTING_TAG, runners=runners)
        assert "Skipping unsupported platform" not in log, tail(log)
        for job in ("prepare", "build", "provision"):
            assert re.search(rf"\[[^\]]*/{job}\s*\] 🏁  Job succeeded", log), f"job {job} did not run: " + tail(log)
        assert "[linux/arm64 internal] load build definition" in log, tail(log)
        tfvars = json.loads(s3.get_object(Bucket=BUCKET, Key="environments/preview-own-runners/terraform.tfvars.json")["Body"].read())
        assert tfvars["cpu_architecture"] == "ARM64", tfvars
        assert record("preview-own-runners")["status"] == "active"
        assert f"OpenTofu {TOFU_VERSION} (" in log and f"from {world.mirror_url}/opentofu/releases/download" in log, tail(log)
        assert "Installing hashicorp/aws from the network mirror" in log, tail(log)
        requests = open(world.mirror_log).read()
        assert f"/opentofu/releases/download/v{TOFU_VERSION}/tofu_{TOFU_VERSION}_SHA256SUMS 200" in requests, requests
        assert "/providers/registry.opentofu.org/hashicorp/aws/index.json 200" in requests, requests
        log = world.pull_request("closed", 34, "feature/own-runners", sha, workflow="preview-env-hosting.yml", release=HOSTING_TAG, runners=runners)
        assert "Skipping unsupported platform" not in log, tail(log)
        assert record("preview-own-runners") is None, tail(log)
        # The same release with the default labels only runs nothing of the platform's: act skips every job.
        log = world.pull_request("reopened", 34, "feature/own-runners", sha, workflow="preview-env-hosting.yml", release=HOSTING_TAG)
        assert "Skipping unsupported platform" in log and record("preview-own-runners") is None, tail(log)


def scenario_30_pull_request_target_and_deleted_forks(world):
    """A consumer whose caller listens to pull_request_target: a fork's pull request closed on the branch
    behind the consumer's own environment destroys nothing, and any pull_request_target provision is
    refused by idp-ttl event; a pull request whose fork was deleted (head.repo null) counts as a fork:
    closing it destroys nothing, opening it provisions nothing."""
    branch, name = "feature/targeted", "preview-targeted"
    sha = world.push(branch, "the consumer's own work")
    world.pull_request("opened", 35, branch, sha)
    assert record(name)["status"] == "active"
    before = untouched(world, name, 35)
    # mallory's fork, with a branch of the same name, closes its pull request #36.
    log = world.pull_request("closed", 36, branch, sha, fork="mallory/payments", workflow="preview-env-target.yml", event="pull_request_target")
    assert f"marked {name}: destroying" not in log and f"no record of {name}" not in log, tail(log)
    assert untouched(world, name, 35) == before, "a fork's pull_request_target close changed the consumer's environment"
    log = world.pull_request("synchronize", 35, branch, sha, workflow="preview-env-target.yml", event="pull_request_target", expect_success=False)
    assert "[event.pull-request-target]" in log and 'event "pull_request_target" is not accepted' in log, tail(log)
    assert untouched(world, name, 35)[:3] == before[:3]
    # The fork behind #37 was deleted: GitHub sends head.repo null.
    log = world.pull_request("closed", 37, branch, sha, fork=DELETED_FORK)
    assert untouched(world, name, 35) == before, "a deleted fork's close changed the consumer's environment"
    log = world.pull_request("opened", 37, "feature/gone-fork", world.push("feature/gone-fork", "from a fork that is gone"), fork=DELETED_FORK,
                             token="fork")
    assert record("preview-gone-fork") is None and "::set-output:: fork=true" in log, tail(log)
    assert "the comment is in the step summary instead" in log, tail(log)
    world.pull_request("closed", 35, branch, sha)
    assert record(name) is None


def scenario_31_destroys_failing_on_a_held_lock_do_not_count(world):
    """A tenant's destroy cancelled inside tofu destroy leaves its state lock; the tenant then starts three
    destroys of its own, each failing on that lock → three attempts, no failure counted: the next scan
    removes the old lock and destroys it (it used to leave it for a person for ever)."""
    branch, name = "feature/cancelled", "preview-cancelled"
    sha = world.push(branch, "destroyed three times, never to the end")
    world.pull_request("opened", 38, branch, sha)
    # What a destroy cancelled inside `tofu destroy` leaves (act marks an interrupted step failed, where
    # GitHub says cancelled, so the cancel itself is not played here: the lock it leaves is).
    seed_lock(name, timedelta(minutes=1))
    for _ in range(3):
        log = world.pull_request("closed", 38, branch, sha, env={"IDP_TEST_TOFU_MAX_LOCK_WAIT": "2"}, expect_success=False)
        assert "Error acquiring the state lock" in log and f"marked {name}: destroy_failed" in log, tail(log)
    r = record(name)
    assert r["status"] == "destroy_failed" and r["destroy_attempts"] == 3 and r.get("destroy_failures", 0) == 0, r
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY}, env={"IDP_NOW": from_now(hours=3)})
    assert record(name) is None and len(state_backups(name)) == 1, tail(log)


def scenario_32_template_change_refused(world):
    """A push that changes `template:` of a live environment → refused before anything is applied: the
    run fails with [template.changed], the record, its stored variables and state stay as they were,
    and the sticky comment says the push was not applied; closing the pull request destroys what was
    applied, in its own template's directory."""
    branch, name = "feature/shape-shift", "preview-shape-shift"
    world.pull_request("opened", 39, branch, world.push(branch, "an api first"))
    assert record(name)["template"] == "api-service"
    kept = {k: s3.head_object(Bucket=BUCKET, Key=k)["ETag"] for k in keys(f"environments/{name}/")}
    git(world.consumer, "checkout", "-q", branch)
    config = os.path.join(world.consumer, ".idp", "config.yml")
    text = open(config).read()
    changed, count = re.subn(r"^template: .*$", "template: api-database", text, flags=re.M)
    open(config, "w").write(changed if count else "template: api-database\n" + text)
    git(world.consumer, "commit", "-q", "-am", "now with a database")
    sha = git(world.consumer, "rev-parse", "HEAD")
    log = world.pull_request("synchronize", 39, branch, sha, expect_success=False)
    assert "[template.changed]" in log and "was created as api-service and .idp/config.yml now asks for api-database" in log, tail(log)
    assert record(name)["template"] == "api-service" and record(name)["status"] == "active"
    assert {k: s3.head_object(Bucket=BUCKET, Key=k)["ETag"] for k in keys(f"environments/{name}/")} == kept, "a refused push changed what is stored"
    body = only_comment(world, 39)["body"]
    refused = section(body, "refused-push")
    assert refused and sha[:12] in refused and "was not applied" in refused and "is ready" in body, body
    assert not [t for t in image_tags() if t == f"{name}-{sha}"], "the refused push's image stayed"
    world.pull_request("closed", 39, branch, sha)
    assert record(name) is None and backed_up_state(name)["resources"] == []


def scenario_33_keep_label_from_triage(world):
    """An expired environment whose pull request carries preview:keep, set by tina (triage) → the scan
    destroys it and says the label keeps nothing (scenario 25's label, set by its admin author, keeps)."""
    world.pull_request("opened", 40, "feature/triaged", world.push("feature/triaged", "kept by the wrong person"),
                       env={"IDP_NOW": from_now(days=-10)})
    world.set_pull_state(40, labels=["preview:keep"], labelers={"preview:keep": "tina"})
    log = world.act(world.platform_run, "schedule", {"schedule": "17 */4 * * *"}, TOKENS["platform"], ".github/workflows/ttl-cleanup.yml",
                    secrets={"IDP_APP_PRIVATE_KEY": APP_KEY})
    assert '[keep.ignored]' in log and 'was set by @tina, who has "read" permission' in log, tail(log)
    assert record("preview-triaged") is None, tail(log)


def scenario_34_settings_without_a_release(world):
    """The platform team changes platform.yml on its default branch, nothing else: a consumer pinned to
    the old release runs on the new settings at once (a cost cap refuses its new environment, and the
    log names the settings' commit); a key its release does not know stops it before AWS, named."""
    sha = world.push("feature/live-settings", "under new settings")
    settings = open(os.path.join(world.platform, "platform.yml")).read()
    capped = re.sub(r"^  max_monthly_cost_per_repository:.*$", "  max_monthly_cost_per_repository: 1", settings, flags=re.M)
    assert capped != settings
    with world.live_settings(replace=capped) as commit:
        log = world.pull_request("opened", 42, "feature/live-settings", sha, expect_success=False)
    assert f"settings: platform.yml of the platform's default branch at {commit}" in log, tail(log)
    assert "[guardrail.cost]" in log, tail(log)
    assert record("preview-live-settings") is None
    roles = len(assumed_roles())
    with world.live_settings("future_setting: known to a later release\n"):
        log = world.pull_request("synchronize", 42, "feature/live-settings", sha, expect_success=False)
    assert 'unknown key "future_setting"' in log and "a key a newer release added needs consumers pinned to that release" in log, tail(log)
    assert record("preview-live-settings") is None and len(assumed_roles()) == roles, tail(log)


def scenario_35_oidc_subject_preflight(world):
    """A consumer that never set the OIDC subject customisation → its run stops before AWS is asked,
    naming the subject GitHub gave, the one the role trusts and the command that fixes it; set, the
    next push provisions."""
    sha = world.push("feature/no-subject", "a repository that skipped a step")
    roles = len(assumed_roles())
    world.default_subject.add(CONSUMER)
    try:
        log = world.pull_request("opened", 43, "feature/no-subject", sha, expect_success=False)
    finally:
        world.default_subject.discard(CONSUMER)
    assert "[oidc.subject]" in log and 'OIDC subject is "repo:acme/payments:pull_request"' in log, tail(log)
    assert f"job_workflow_ref:{PLATFORM}/.github/workflows/provision.yml@refs/tags/{RELEASE_TAG}:runner_environment:github-hosted" in log, tail(log)
    assert "gh api -X PUT repos/acme/payments/actions/oidc/customization/sub -F use_default=false" in log, tail(log)
    assert len(assumed_roles()) == roles and record("preview-no-subject") is None, tail(log)
    log = world.pull_request("synchronize", 43, "feature/no-subject", sha)
    assert record("preview-no-subject")["status"] == "active", tail(log)
    world.pull_request("closed", 43, "feature/no-subject", sha)
    assert record("preview-no-subject") is None


def scenario_36_naming_by_repository_id(world):
    """naming: repository (a live settings change) → the environment's name carries GitHub's id of the
    repository in base 36 (never a hash of its name another repository could match); a branch that
    would end in -db gets a hash instead, so no environment owns another's database alarm."""
    with world.live_settings("naming: repository\n"):
        sha = world.push("feature/add-db", "a branch named like a resource")
        log = world.pull_request("opened", 44, "feature/add-db", sha)
        names = [k.split("/")[1] for k in keys("environments/") if k.endswith("/metadata.json") and "-21i3v9-" in k]
        assert len(names) == 1 and re.fullmatch(r"preview-21i3v9-add-db-[0-9a-f]{6}", names[0]), (names, tail(log))
        assert record(names[0])["status"] == "active"
        world.pull_request("closed", 44, "feature/add-db", sha)
        assert record(names[0]) is None


def scenario_37_access_by_sign_in(world):
    """access: oidc in platform.yml (a live settings change, on the shared load balancer) → the
    environment's variables carry the provider (its secret's ARN, never its value) and the comment
    says who can open the URL; a repository asking for public access is refused before anything is
    applied ([access.widen])."""
    provider = ("access:\n  oidc:\n    issuer: https://login.example.com\n    authorization_endpoint: https://login.example.com/authorize\n"
                "    token_endpoint: https://login.example.com/token\n    user_info_endpoint: https://login.example.com/userinfo\n"
                "    client_id: previews\n    client_secret_arn: arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-platform/oidc-AbCdEf\n"
                "preview_domain: preview.example.com\n")
    with world.live_settings(provider):
        sha = world.push("feature/signed-in", "only for colleagues")
        world.pull_request("opened", 45, "feature/signed-in", sha)
        variables = json.loads(s3.get_object(Bucket=BUCKET, Key="environments/preview-signed-in/terraform.tfvars.json")["Body"].read())
        assert variables["access_mode"] == "oidc" and variables["access_oidc"]["issuer"] == "https://login.example.com", variables
        assert "client_secret" not in variables["access_oidc"], variables
        body = world.ours(45)[0]["body"]
        assert "| Who can open it | after signing in at https://login.example.com |" in body, body
        config = os.path.join(world.consumer, ".idp", "config.yml")
        before = open(config).read()
        open(config, "a").write("access: public\n")
        git(world.consumer, "commit", "-q", "-am", "open it to everyone")
        log = world.pull_request("synchronize", 45, "feature/signed-in", git(world.consumer, "rev-parse", "HEAD"), expect_success=False)
        assert "[access.widen]" in log and "would widen the platform's setting (after signing in at https://login.example.com)" in log, tail(log)
        open(config, "w").write(before)
        git(world.consumer, "commit", "-q", "-am", "as the platform says")
        world.pull_request("closed", 45, "feature/signed-in", git(world.consumer, "rev-parse", "HEAD"))
    assert record("preview-signed-in") is None


def scenario_38_onboarded_repository_first_preview(world):
    """idp onboard acme/orders (docs/platform-setup.md's last step, from the platform's checkout) → the
    pull request proposes the pinned caller and a config from its Dockerfile, and sets the OIDC subject;
    once it is merged, the next pull request gets the repository's first preview, at the port and
    health check its Dockerfile named; closing it destroys it."""
    repo = os.path.join(WORK, "git", ONBOARDED)
    checksums = os.path.join(world.platform_run, "action", "checksums.txt")
    if not world.release:  # built from source: the pin onboarding proposes is still this release's
        checksums = os.path.join(WORK, "checksums-onboard.txt")
        open(checksums, "w").write(f"{VERSION}  {'0' * 64}  mini-idp-linux-{os.uname().machine}.tar.gz\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "AWS_"))}
    env.update(GITHUB_API_URL=world.github_url, GITHUB_TOKEN="ghp_orders_admin", GITHUB_SERVER_URL="https://github.com")
    world.default_subject.add(ONBOARDED)  # GitHub's default subject until onboarding sets it
    onboard = subprocess.run([world.tool("idp"), "onboard", ONBOARDED, "--repository", PLATFORM, "--checksums", checksums],
                             cwd=world.platform_run, env=env, capture_output=True, text=True)
    assert onboard.returncode == 0, onboard.stderr
    assert f"opened {ONBOARDED}#100" in onboard.stdout, onboard.stdout
    settings = json.load(urllib.request.urlopen(f"{world.github_url}/_setup/{ONBOARDED}"))
    assert settings["oidc_sub"] == {"use_default": False, "include_claim_keys": ["repo", "context", "job_workflow_ref", "runner_environment"]}, settings["oidc_sub"]
    world.default_subject.discard(ONBOARDED)
    proposed = settings["branches"]["idp/onboarding"]
    workflow = proposed[".github/workflows/preview-env.yml"]
    assert f"{PLATFORM}/.github/workflows/provision.yml@{RELEASE_TAG}" in workflow, workflow
    assert "container_port: 8080" in proposed[".idp/config.yml"] and "health_check_path: /health" in proposed[".idp/config.yml"], proposed[".idp/config.yml"]
    # The repository as it is once the pull request is merged.
    for path, text in proposed.items():
        os.makedirs(os.path.dirname(os.path.join(repo, path)), exist_ok=True)
        open(os.path.join(repo, path), "w").write(text)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Preview environments for every pull request (#100)")
    git(repo, "remote", "add", "origin", f"https://github.com/{ONBOARDED}")
    sha = world.push("feature/first-order", "first order page", repo=repo)
    world.pull_request("opened", 1, "feature/first-order", sha, token="onboarded", repository=ONBOARDED)
    r = record("preview-first-order")
    assert r and r["status"] == "active" and r["repository"] == ONBOARDED and r["pr_number"] == 1, r
    variables = json.loads(s3.get_object(Bucket=BUCKET, Key="environments/preview-first-order/terraform.tfvars.json")["Body"].read())
    assert variables["container_port"] == 8080 and variables["health_check_path"] == "/health", variables
    assert "is ready" in world.ours(1, ONBOARDED)[0]["body"], world.comments(1, ONBOARDED)
    world.pull_request("closed", 1, "feature/first-order", sha, token="onboarded", repository=ONBOARDED)
    assert record("preview-first-order") is None
    assert "was destroyed" in world.ours(1, ONBOARDED)[0]["body"]


def scenario_39_a_template_added_as_data(world):
    """static-site, a fourth template added as a folder (its .tf and template.yml) with no change to
    the tools: refused until platform.yml offers it (opt_in); then a repository choosing it gets no
    image build, its folder's files in the variables and the upload, a priced estimate, a CloudFront
    URL in the comment; sleep leaves it alone; a link pointing out of the repository is refused
    before anything is applied; closing destroys it."""
    name, branch = "preview-docs-site", "feature/docs-site"
    git(world.consumer, "checkout", "-q", "-b", branch, "main")
    config = os.path.join(world.consumer, ".idp", "config.yml")
    open(config, "w").write("template: static-site\nsite_directory: site\nttl: 1d\n")
    os.makedirs(os.path.join(world.consumer, "site", "css"))
    open(os.path.join(world.consumer, "site", "index.html"), "w").write("<h1>docs</h1>\n")
    open(os.path.join(world.consumer, "site", "css", "main.css"), "w").write("h1 { color: teal }\n")
    git(world.consumer, "add", "-A")
    git(world.consumer, "commit", "-q", "-m", "the docs as a static site")
    sha = git(world.consumer, "rev-parse", "HEAD")
    # static-site is opt_in: refused until the platform lists it, then offered (settings without a release).
    log = world.pull_request("opened", 46, branch, sha, expect_success=False)
    assert "[template.not-allowed]" in log and record(name) is None, tail(log)
    with world.live_settings("templates: [api-service, api-database, scheduled-worker, static-site]\n"):
        static_site_offered(world, name, branch, sha)
    git(world.consumer, "checkout", "-q", "main")


def static_site_offered(world, name, branch, sha):
    """Scenario 39 once the platform offers static-site."""
    log = world.pull_request("reopened", 46, branch, sha)
    r = record(name)
    assert r and r["status"] == "active" and r["template"] == "static-site" and not r.get("image"), r
    assert not any(t.startswith(f"{name}-") for t in image_tags()), "no image is built for a template without tasks"
    assert "aws_s3_object.file: 2 files of site: css/main.css, index.html" in log, tail(log)
    variables = json.loads(s3.get_object(Bucket=BUCKET, Key=f"environments/{name}/terraform.tfvars.json")["Body"].read())
    assert variables["site_directory"] == "site" and variables["template"] == "static-site" and "container_image" not in variables, variables
    body = world.ours(46)[0]["body"]
    assert "is ready" in body and ".cloudfront.net" in body and "| Estimated cost | under $0.01 a day" in body, body
    assert "| Logs |" not in body, "a template without a log group gets no logs link"
    # Sleep has nothing to stop: it leaves the environment as it is, whatever the hour.
    saturday = coming(5, 10, "Europe/Berlin")
    sleep = world.act(world.platform_sleep_run, "schedule", {"schedule": "*/15 * * * *"}, TOKENS["platform"], ".github/workflows/sleep.yml",
                      secrets={"IDP_APP_PRIVATE_KEY": APP_KEY}, env={"IDP_NOW": iso(saturday)})
    assert f"stay {name}: template static-site has nothing sleep stops" in sleep and record(name)["status"] == "active", tail(sleep)
    # A link to a file outside the checkout (the runner's, its credentials) is refused before tofu runs.
    os.symlink("/etc/hostname", os.path.join(world.consumer, "site", "host.txt"))
    git(world.consumer, "add", "-A")
    git(world.consumer, "commit", "-q", "-m", "a link out of the repository")
    before = s3.get_object(Bucket=BUCKET, Key=f"environments/{name}/terraform.tfstate")["Body"].read()
    log = world.pull_request("synchronize", 46, branch, git(world.consumer, "rev-parse", "HEAD"), expect_success=False)
    assert "site/host.txt points outside the repository" in log and "aws_s3_object.file" not in log, tail(log)
    assert s3.get_object(Bucket=BUCKET, Key=f"environments/{name}/terraform.tfstate")["Body"].read() == before
    world.pull_request("closed", 46, branch, git(world.consumer, "rev-parse", "HEAD"))
    assert record(name) is None


def title(scenario):
    return " ".join(scenario.__doc__.split())


def main():
    scenarios = [scenario_1_pull_request_opened, scenario_2_another_push, scenario_3_closed_then_deleted, scenario_4_fork,
                 scenario_5_ttl_cleanup, scenario_6_failed_apply, scenario_7_cancelled_apply, scenario_8_guardrail,
                 scenario_9_tenant_destroys_another, scenario_10_tenant_names_a_fork, scenario_11_tenant_shares_a_branch_name,
                 scenario_12_private_platform, scenario_13_orphaned_lock_on_push, scenario_14_young_lock_survives,
                 scenario_15_destroy_after_killed_apply, scenario_16_closed_pull_requests, scenario_17_closed_and_deleted_together,
                 scenario_18_comment_cannot_be_written, scenario_19_older_push_runs_late,
                 scenario_20_another_owner, scenario_21_comment_commands, scenario_22_destroy_command, scenario_23_command_on_a_fork,
                 scenario_24_label_mode, scenario_25_keep_label_and_expiry_warning, scenario_26_sleep_and_wake,
                 scenario_27_orphans, scenario_28_release_plan,
                 scenario_29_own_runners_and_mirrors, scenario_30_pull_request_target_and_deleted_forks,
                 scenario_31_destroys_failing_on_a_held_lock_do_not_count, scenario_32_template_change_refused,
                 scenario_33_keep_label_from_triage, scenario_34_settings_without_a_release,
                 scenario_35_oidc_subject_preflight, scenario_36_naming_by_repository_id, scenario_37_access_by_sign_in,
                 scenario_38_onboarded_repository_first_preview, scenario_39_a_template_added_as_data]
    selected = set(ONLY)
    for number in range(max(ONLY, default=0), 0, -1):  # a scenario needs only earlier ones: one pass closes the set
        for needed in getattr(scenarios[number - 1], "needs", ()) if number in selected else ():
            if needed not in selected:
                print(f"scenario {number} starts from what scenario {needed} leaves: running {needed} too", flush=True)
                selected.add(needed)
    for number in sorted(selected):
        cleanup = getattr(scenarios[number - 1], "cleaned_up_by", None)
        if cleanup and cleanup not in selected and max(selected) > cleanup:
            print(f"scenario {number} leaves an environment live until scenario {cleanup}: running {cleanup} too", flush=True)
            selected.add(cleanup)
    world = World()
    passed = failed = 0
    for number, scenario in enumerate(scenarios, 1):
        if ONLY and number not in selected:
            continue
        started, before = time.time(), live_environments()
        try:
            scenario(world)
            passed += 1
            print(f"ok {number} {title(scenario)} ({time.time() - started:.0f} s)", flush=True)
        except Exception:
            failed += 1
            print(f"FAILED {number} {title(scenario)}\n{traceback.format_exc()}", flush=True)
            # What it left half-destroyed or failed; an active environment stays (later scenarios may use it).
            left = {name for name in live_environments() - before if (record(name) or {}).get("status") != "active"}
            if left:
                forget_environments(left)
                print(f"  (records it left not active, {', '.join(sorted(left))}, were taken out so the next scenarios start clean)", flush=True)
    print(f"workflows: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
