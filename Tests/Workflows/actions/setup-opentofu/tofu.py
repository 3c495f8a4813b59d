#!/usr/bin/env python3
"""TEST DOUBLE for the `tofu` command, as the workflows call it:

  tofu init -input=false -backend-config=bucket=B -backend-config=key=K -backend-config=region=R
            -backend-config=dynamodb_table=T | -backend-config=use_lockfile=true
  tofu apply -input=false -auto-approve -lock-timeout=5m -var-file=F
  tofu output -json
  tofu destroy -input=false -auto-approve -lock-timeout=5m -var-file=F

It keeps what OpenTofu's S3 backend keeps, in moto: the state object at s3://B/K (version 4 JSON with
outputs and resources), and the lock while it runs: the DynamoDB item "B/K" (plus the digest item
"B/K-md5"), or with use_lockfile the object s3://B/K.tflock written only if absent. A backend with
neither is refused, as a workflow that forgot its lock would otherwise pass unnoticed.
Taking the lock honours -lock-timeout as OpenTofu does: a held lock is retried until the timeout,
then "Error acquiring the state lock" with the holder's lock info. IDP_TEST_TOFU_MAX_LOCK_WAIT
(seconds) caps the wait, so a test of a held lock need not wait the workflows' five minutes.
Faults for the tests, by environment name: IDP_TEST_TOFU_FAIL=<name> makes apply write a partial state
and fail as a provider error does; IDP_TEST_TOFU_SLOW=<name> makes apply (and destroy) hold its lock for a minute
(long enough to cancel the run).
"""
import hashlib, json, os, re, sys, time, urllib.request, uuid
from datetime import datetime, timezone
import boto3

ARGS = sys.argv[1:]
BACKEND_FILE = os.path.join(".terraform", "idp-test-backend.json")


def fail(message):
    print(f"\nError: {message}\n", file=sys.stderr)
    sys.exit(1)


def flag(name):
    for arg in ARGS:
        if arg.startswith(f"-{name}="):
            return arg.split("=", 1)[1]
    return None


def backend():
    if not os.path.exists(BACKEND_FILE):
        fail('Backend initialization required, please run "tofu init"')
    return json.load(open(BACKEND_FILE))


def declared_text():
    return "".join(open(f).read() for f in sorted(os.listdir(".")) if f.endswith(".tf"))


def site_files(values):
    """What static-site's fileset(var.source_root/site_directory, "**") finds: regular files, as
    OpenTofu's fileset lists them (TF_VAR_source_root from the provision workflow)."""
    root = os.environ.get("TF_VAR_source_root", "")
    if not root:
        return []
    folder = os.path.join(root, values.get("site_directory", "public"))
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, files in os.walk(folder) for f in files)


def variables():
    path = flag("var-file")
    if not path or not os.path.exists(path):
        fail(f"Failed to read variables file: Given variables file {path} does not exist.")
    values = json.load(open(path))
    declared = "".join(open(f).read() for f in sorted(os.listdir(".")) if f.endswith(".tf"))
    for name in values:
        if f'variable "{name}"' not in declared:
            print(f'Warning: Value for undeclared variable "{name}"', file=sys.stderr)
    # As OpenTofu does: a declared variable without a default must be given a value.
    for name, body in re.findall(r'(?ms)^variable "([^"]+)" \{(.*?)^\}', declared):
        if name not in values and not re.search(r"^\s*default\s*=", body, re.M):
            fail(f'No value for required variable: The root module input variable "{name}" is not set, and has no default value.')
    return values


def duration(text):
    """-lock-timeout's value in seconds: 5m, 30s, 0s."""
    units = {"s": 1, "m": 60, "h": 3600}
    if not text or text[-1] not in units or not text[:-1].isdigit():
        fail(f"Invalid value for -lock-timeout: {text}")
    return int(text[:-1]) * units[text[-1]]


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Lock:
    """The S3 backend's DynamoDB lock: a conditional put of LockID, released at the end."""

    def __init__(self, b, operation):
        self.b, self.operation = b, operation
        self.table = b.get("dynamodb_table")
        self.lockfile = b.get("use_lockfile") == "true"
        self.id = f"{b['bucket']}/{b['key']}"
        self.ddb = boto3.client("dynamodb", region_name=b["region"])
        self.s3 = boto3.client("s3", region_name=b["region"])

    def __enter__(self):
        info = json.dumps({"ID": str(uuid.uuid4()), "Operation": self.operation, "Who": "runner@act",
                           "Version": os.environ.get("TOFU_TEST_DOUBLE_VERSION", "?"), "Created": now(), "Path": self.id})
        timeout = duration(flag("lock-timeout") or "0s")
        cap = os.environ.get("IDP_TEST_TOFU_MAX_LOCK_WAIT")
        deadline = time.time() + (min(timeout, float(cap)) if cap else timeout)
        while True:
            holder = self.try_lock(info)
            if holder is None:
                return self
            if time.time() >= deadline:
                fail("Error acquiring the state lock\n\nLock Info:\n" + holder)
            time.sleep(0.5)

    def try_lock(self, info):
        """None when taken, else the current holder's info."""
        if self.lockfile:
            try:
                self.s3.put_object(Bucket=self.b["bucket"], Key=self.b["key"] + ".tflock", Body=info.encode(), IfNoneMatch="*")
            except self.s3.exceptions.ClientError as error:
                if error.response["Error"]["Code"] in ("PreconditionFailed", "ConditionalRequestConflict"):
                    return "the lock file " + self.b["key"] + ".tflock exists"
                raise
        if self.table:
            try:
                self.ddb.put_item(TableName=self.table, Item={"LockID": {"S": self.id}, "Info": {"S": info}},
                                  ConditionExpression="attribute_not_exists(LockID)")
            except self.ddb.exceptions.ConditionalCheckFailedException:
                if self.lockfile:  # give back the half taken
                    self.s3.delete_object(Bucket=self.b["bucket"], Key=self.b["key"] + ".tflock")
                item = self.ddb.get_item(TableName=self.table, Key={"LockID": {"S": self.id}}).get("Item", {})
                return item.get("Info", {}).get("S", "ConditionalCheckFailedException")
        return None

    def __exit__(self, *exc):
        if self.lockfile:
            self.s3.delete_object(Bucket=self.b["bucket"], Key=self.b["key"] + ".tflock")
        if self.table:
            self.ddb.delete_item(TableName=self.table, Key={"LockID": {"S": self.id}})


def write_state(b, state):
    body = json.dumps(state, indent=2).encode()
    boto3.client("s3", region_name=b["region"]).put_object(Bucket=b["bucket"], Key=b["key"], Body=body)
    if b.get("dynamodb_table"):
        boto3.client("dynamodb", region_name=b["region"]).put_item(
            TableName=b["dynamodb_table"],
            Item={"LockID": {"S": f"{b['bucket']}/{b['key']}-md5"}, "Digest": {"S": hashlib.md5(body).hexdigest()}})


def read_state(b):
    s3 = boto3.client("s3", region_name=b["region"])
    try:
        return json.loads(s3.get_object(Bucket=b["bucket"], Key=b["key"])["Body"].read())
    except s3.exceptions.NoSuchKey:
        return None


def state(b, serial, resources, outputs):
    return {"version": 4, "terraform_version": os.environ.get("TOFU_TEST_DOUBLE_VERSION", "1.10.6"), "serial": serial,
            "lineage": hashlib.sha256(b["key"].encode()).hexdigest()[:36], "outputs": outputs, "resources": resources}


def resource(kind, name):
    return {"mode": "managed", "type": kind, "name": name, "provider": 'provider["registry.opentofu.org/hashicorp/aws"]',
            "instances": [{"attributes": {"id": f"{name}-{uuid.uuid4().hex[:8]}"}}]}


def install_providers():
    """With TF_CLI_CONFIG_FILE naming a network mirror (provider_installation { network_mirror { url } }),
    asks it for each provider the configuration requires, as OpenTofu does (GET <url><host>/<namespace>/<type>/index.json);
    a provider the mirror lacks fails init. Without one, the registry is not contacted here."""
    path = os.environ.get("TF_CLI_CONFIG_FILE")
    if not path:
        return
    text = open(path).read()
    found = re.search(r'provider_installation\s*\{\s*network_mirror\s*\{\s*url\s*=\s*"([^"]+)"\s*\}\s*\}', text)
    if not found:
        fail(f"test double: {path} has no provider_installation {{ network_mirror {{ url }} }} block")
    url = found.group(1)
    if not url.startswith("https:"):
        fail(f"Invalid provider installation method: the network mirror must be at an https: URL, not {url!r}")
    if not url.endswith("/"):
        fail(f"Invalid provider installation method: the network mirror URL {url!r} must end with a slash")
    sources = set()
    for name in os.listdir("."):
        if name.endswith(".tf"):
            sources.update(re.findall(r'source\s*=\s*"([\w.-]+/[\w.-]+)"', open(name).read()))
    for source in sorted(sources):
        namespace, kind = source.split("/")
        try:
            answer = json.load(urllib.request.urlopen(f"{url}registry.opentofu.org/{namespace}/{kind}/index.json", timeout=10))
            assert answer.get("versions"), answer
        except Exception as error:
            fail(f"Failed to query available provider packages: could not retrieve the list of available versions for provider {source}: {error}")
        print(f"- Installing {source} from the network mirror {url}")


def main():
    command = ARGS[0] if ARGS else ""
    if command in ("version", "-version", "--version"):
        print(f"OpenTofu v{os.environ.get('TOFU_TEST_DOUBLE_VERSION', '?')} (test double)")
        return
    if command == "init":
        if not any(name.endswith(".tf") for name in os.listdir(".")):
            fail("No configuration files: the directory has no .tf files")
        config = dict(arg.split("=", 2)[1:] for arg in ARGS if arg.startswith("-backend-config="))
        for required in ("bucket", "key", "region"):
            if not config.get(required):
                fail(f'The "{required}" backend setting is required')
        if not config.get("dynamodb_table") and config.get("use_lockfile") != "true":
            fail("test double: the backend has no lock (neither dynamodb_table nor use_lockfile=true)")
        install_providers()
        os.makedirs(".terraform", exist_ok=True)
        json.dump(config, open(BACKEND_FILE, "w"))
        print("OpenTofu has been successfully initialized!")
        return
    b = backend()
    if command == "apply":
        values = variables()
        name = values["environment_name"]
        with Lock(b, "OperationTypeApply"):
            previous = read_state(b)
            serial = (previous or {}).get("serial", 0) + 1
            network = [resource("aws_vpc", "main"), resource("aws_security_group", "service")]
            if os.environ.get("IDP_TEST_TOFU_SLOW") == name:
                print("aws_lb.main: Still creating... [10s elapsed]", flush=True)
                time.sleep(60)
            if os.environ.get("IDP_TEST_TOFU_FAIL") == name:
                write_state(b, state(b, serial, network, {}))
                fail("creating ECS Service (" + name + "): InvalidParameterException: The target group does not have an associated load balancer.")
            region = b["region"]
            digest = hashlib.sha256(name.encode()).hexdigest()
            if 'resource "aws_cloudfront_distribution"' in declared_text():  # a static site: a bucket behind CloudFront
                outputs = {"endpoint": {"sensitive": False, "type": "string", "value": f"https://d{digest[:13]}.cloudfront.net"},
                           "bucket": {"sensitive": False, "type": "string", "value": f"idp-site-{digest[:26]}"}}
                uploaded = site_files(values)
                resources = [resource("aws_s3_bucket", "site"), resource("aws_cloudfront_distribution", "site")] + [
                    resource("aws_s3_object", "file") for _ in uploaded]
                print(f"aws_s3_object.file: {len(uploaded)} files of {values.get('site_directory')}: {', '.join(uploaded)}")
            else:
                outputs = {
                    "endpoint": {"sensitive": False, "type": "string",
                                 "value": f"http://{name}-alb-{digest[:9]}.{region}.elb.amazonaws.com"},
                    "log_group": {"sensitive": False, "type": "string", "value": f"/idp/{name}"},
                }
                resources = network + [resource("aws_lb", "main"), resource("aws_ecs_service", "app"),
                                       resource("aws_cloudwatch_log_group", "app")]
            write_state(b, state(b, serial, resources, outputs))
        print(f"Apply complete! Resources: {len(resources)} added, 0 changed, 0 destroyed.")
        return
    if command == "output":
        if "-json" not in ARGS:
            fail("the test double only implements `tofu output -json`")
        current = read_state(b) or {"outputs": {}}
        print(json.dumps({k: {"sensitive": v.get("sensitive", False), "type": v["type"], "value": v["value"]}
                          for k, v in current.get("outputs", {}).items()}, indent=2))
        return
    if command == "destroy":
        name = variables()["environment_name"]
        with Lock(b, "OperationTypeApply"):
            if os.environ.get("IDP_TEST_TOFU_SLOW") == name:
                print("aws_lb.main: Still destroying... [10s elapsed]", flush=True)
                time.sleep(60)
            current = read_state(b)
            count = len((current or {}).get("resources", []))
            write_state(b, state(b, (current or {}).get("serial", 0) + 1, [], {}))
        print(f"Destroy complete! Resources: {count} destroyed.")
        return
    fail(f"the test double does not implement `tofu {' '.join(ARGS)}`")


main()
