"""A platform's live setup as the README's steps leave it, for `idp doctor`'s tests: the bootstrap's
AWS resources in moto and the platform and consumer repositories' GitHub settings for the GitHub
stand-in (fake_github.py's "setup"), each with the deliberate mistakes named on the command line.

AWS: its own account of the moto server (moto keeps each account that STS AssumeRole names apart,
so OIDC providers and the boundary policy, one per account on AWS too, never collide between
tests): the state bucket (versioning, KMS encryption, public access block), the lock table (LockID),
the image repository (immutable tags, a lifecycle rule), GitHub's OIDC provider (sts.amazonaws.com),
the boundary policy and the role, whose trust is the one infrastructure/bootstrap renders
(scripts/check-infrastructure's render_trust, from trust-subjects.json) for acme/mini-idp and the
consumer acme/payments.

Usage: doctor_setup.py MOTO_URL WORK_DIR [MISTAKE...]
Prints JSON: {"env": {AWS_* for the account}, "platform": path of platform.yml, "scenario": path of the
GitHub stand-in's scenario, "checksums": path of action/checksums.txt}.
"""
import base64
import copy
import importlib.machinery
import importlib.util
import json
import os
import random
import sys
import uuid

import boto3

moto_url, work, mistakes = sys.argv[1], sys.argv[2], set(sys.argv[3:])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
loader = importlib.machinery.SourceFileLoader("check_infrastructure", os.path.join(ROOT, "scripts", "check-infrastructure"))
infra = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
loader.exec_module(infra)

PLATFORM, CONSUMER, RELEASE, APP_ID = "acme/mini-idp", "acme/payments", "v1.4.0", 4242
ISSUER = "token.actions.githubusercontent.com"
account = "".join(random.choice("0123456789") for _ in range(12))
suffix = uuid.uuid4().hex[:8]
os.makedirs(work, exist_ok=True)

base = {"endpoint_url": moto_url, "region_name": "us-east-1"}
sts = boto3.client("sts", aws_access_key_id="testing", aws_secret_access_key="testing", **base)
creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/doctor-test", RoleSessionName="doctor")["Credentials"]
keys = {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"], "aws_session_token": creds["SessionToken"]}
s3, ddb, ecr, iam = (boto3.client(name, **base, **keys) for name in ("s3", "dynamodb", "ecr", "iam"))

bucket, table, repository, role = f"idp-state-{suffix}", f"idp-locks-{suffix}", f"mini-idp-preview-{suffix}", "idp-github-actions"
if "bucket-missing" not in mistakes:
    s3.create_bucket(Bucket=bucket)
    if "versioning" not in mistakes:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    if "encryption" not in mistakes:
        s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    if "public-access" not in mistakes:
        s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": "public-access-partly" not in mistakes})
if "table-missing" not in mistakes:
    key = "Key" if "table-key" in mistakes else "LockID"
    ddb.create_table(TableName=table, KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
if "ecr-missing" not in mistakes:
    ecr.create_repository(repositoryName=repository, imageTagMutability="MUTABLE" if "ecr-mutable" in mistakes else "IMMUTABLE")
    if "ecr-lifecycle" not in mistakes:
        ecr.put_lifecycle_policy(repositoryName=repository, lifecyclePolicyText=json.dumps({"rules": [{
            "rulePriority": 1, "description": "untagged after a day", "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                                                                                     "countUnit": "days", "countNumber": 1}, "action": {"type": "expire"}}]}))
provider = f"arn:aws:iam::{account}:oidc-provider/{ISSUER}"
if "provider-missing" not in mistakes:
    iam.create_open_id_connect_provider(Url=f"https://{ISSUER}", ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"],
                                        ClientIDList=["sigstore"] if "provider-audience" in mistakes else ["sts.amazonaws.com"])
if "boundary-missing" not in mistakes:
    iam.create_policy(PolicyName="idp-preview-boundary", Path="/idp/", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"}]}))
trust = infra.render_trust(consumers=() if "trust-no-consumer" in mistakes else (CONSUMER,),
                           default_branch="trunk" if "trust-other-branch" in mistakes else "main",
                           runner="any" if "trust-runner-any" in mistakes else "github-hosted")
trust["Statement"][0]["Principal"]["Federated"] = provider
subjects = trust["Statement"][0]["Condition"]["StringLike"][f"{ISSUER}:sub"]
if "trust-wide" in mistakes:  # what a hand-written trust often says: the whole organisation, any workflow
    subjects.append("repo:acme/*")
if "trust-outsider" in mistakes:  # any repository at all may call the real workflow at a real tag
    subjects.append("repo:*:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@refs/tags/v*:runner_environment:github-hosted")
if "trust-any-ref" in mistakes:  # the consumer at any ref of the platform: a branch, a commit
    subjects.append("repo:acme/payments:pull_request:job_workflow_ref:acme/mini-idp/.github/workflows/provision.yml@*:runner_environment:github-hosted")
if "trust-unmodelled" in mistakes:  # a second statement doctor's model cannot read: never taken for narrow
    trust["Statement"].append({"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": {"Federated": provider},
                               "Condition": {"ForAnyValue:StringLike": {f"{ISSUER}:sub": "repo:*"}}})
if "role-missing" not in mistakes:
    iam.create_role(RoleName=role, Path="/idp/", AssumeRolePolicyDocument=json.dumps(trust))

platform_yml = os.path.join(work, "platform.yml")
settings = open(os.path.join(ROOT, "platform.yml")).read()
if "with-sleep" in mistakes:
    settings += "sleep:\n  awake: Mon-Fri 07:00-20:00 Europe/Berlin\n"
for name, value in {"role_arn": f"arn:aws:iam::{account}:role/idp/{role}", "state_bucket": bucket, "lock_table": table,
                    "ecr_repository": repository, "github_app_id": f'"{APP_ID}"'}.items():
    settings = "\n".join(f"{name}: {value}" if line.startswith(f"{name}:") else line for line in settings.split("\n"))
open(platform_yml, "w").write(settings)
checksums = os.path.join(work, "no-such-checksums.txt" if "no-checksums" in mistakes else "checksums.txt")
pinned = "1.3.0" if "release-unpinned" in mistakes else RELEASE[1:]
"no-checksums" in mistakes or open(checksums, "w").write(f"# version  sha256  asset\n{pinned}  {'0' * 64}  mini-idp-linux-x86_64.tar.gz\n")

# GitHub: the platform repository and the consumer, as the setup steps leave them.
custom = {"use_default": False, "include_claim_keys": ["repo", "context", "job_workflow_ref", "runner_environment"]}
workflows = {name: "active" for name in ("ttl-cleanup.yml", "update-dashboard.yml", "sleep.yml", "orphans.yml", "provision.yml", "destroy.yml", "command.yml")}
if "schedule-disabled" in mistakes:
    workflows["ttl-cleanup.yml"] = "disabled_inactivity"
if "workflow-missing" in mistakes:
    del workflows["orphans.yml"]
if "sleep-disabled" in mistakes:
    workflows["sleep.yml"] = "disabled_manually"
rulesets = []
if "tag-ruleset-missing" not in mistakes:
    bypass = [{"actor_id": 5151, "actor_type": "Integration", "bypass_mode": "always"}]
    if "tag-bypass-person" in mistakes:
        bypass.append({"actor_id": 5, "actor_type": "RepositoryRole", "bypass_mode": "always"})
    include = ["refs/tags/v*"] if "tags-v-star-only" in mistakes else ["~ALL"]
    tag_rules = {"id": 1, "name": "releases", "target": "tag", "enforcement": "active", "bypass_actors": bypass,
                 "conditions": {"ref_name": {"include": include, "exclude": ["refs/tags/v*"] if "tags-excluded" in mistakes else []}},
                 "rules": [{"type": "creation"}, {"type": "update"}, {"type": "deletion"}]}
    if "bypass-unknown" in mistakes:  # GitHub shows bypass_actors only to those who may edit rulesets
        del tag_rules["bypass_actors"]
    rulesets.append(tag_rules)
if "branch-ruleset-missing" not in mistakes:
    rulesets.append({"id": 2, "name": "default branch", "target": "branch", "enforcement": "active", "bypass_actors": [],
                     "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
                     "rules": [{"type": "deletion"}, {"type": "non_fast_forward"}, {"type": "pull_request", "parameters": {
                         "required_approving_review_count": 0 if "branch-no-review" in mistakes else 1}}]})
only_main = {"protected_branches": False, "custom_branch_policies": True}
policy = (None if "env-any-branch" in mistakes else {"protected_branches": True, "custom_branch_policies": False} if "env-protected-branches" in mistakes
          else only_main)
environments = {"idp-platform": {"deployment_branch_policy": policy, "branch_policies": ["main", "feature/*"] if "env-custom-wide" in mistakes else ["main"],
                                 "secrets": [] if "env-secret-missing" in mistakes else ["IDP_APP_PRIVATE_KEY"]},
                "release": {"deployment_branch_policy": only_main, "branch_policies": ["main"], "secrets": ["IDP_RELEASE_APP_ID", "IDP_RELEASE_APP_KEY"]}}
if "env-missing" in mistakes:
    del environments["idp-platform"]
if "release-env-missing" in mistakes:
    del environments["release"]
caller = open(os.path.join(ROOT, "action", "examples", "preview-env.yml")).read()
pin = "main" if "consumer-pin-branch" in mistakes else RELEASE
caller = "\n".join(line.split("@")[0] + "@" + pin if "acme/mini-idp/.github/workflows/" in line and "@" in line else line for line in caller.split("\n"))
files = {".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n"}
if "consumer-no-workflow" not in mistakes and "consumer-fresh" not in mistakes:
    files[".github/workflows/preview-env.yml"] = caller
if "consumer-fresh" in mistakes:  # a repository before onboarding: a Dockerfile, and a deploy of its own through OIDC
    files["Dockerfile"] = "FROM node:22-alpine\nEXPOSE 3000/tcp\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost:3000/healthz || exit 1\nCMD [\"node\", \"server.js\"]\n"
    files[".github/workflows/deploy.yml"] = "on: push\npermissions:\n  id-token: write\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: ./deploy\n"
private = "platform-internal" in mistakes
scenario = {
    # The codes GitHub's redirects carry back to idp setup apps, one per App it creates.
    "manifest_codes": {"good-code": "lifecycle", "release-code": "release", "reader-code": "reader"},
    "setup": {
        PLATFORM: {"repository": {"default_branch": "main", "visibility": "internal" if private else "public", "private": private},
                   "workflows": workflows, "rulesets": rulesets, "environments": environments,
                   "immutable_releases": "releases-mutable" not in mistakes,
                   "oidc_sub": {"use_default": True} if "oidc-default" in mistakes else {"use_default": False} if "oidc-org-template" in mistakes else custom,
                   "latest_release": None if "no-release" in mistakes else RELEASE,
                   "denied": (["rulesets"] if "token-cannot-read-rulesets" in mistakes else []) + (["immutable-releases"] if "immutable-denied" in mistakes else [])},
        CONSUMER: {"repository": {"default_branch": "main", "visibility": "private", "private": True},
                   "oidc_sub": {"use_default": True} if "consumer-oidc-default" in mistakes or "consumer-fresh" in mistakes else custom, "files": files,
                   "secrets": [], "organization_secrets": [] if "reader-secrets-missing" in mistakes else ["IDP_PLATFORM_READER_APP_ID", "IDP_PLATFORM_READER_KEY"]},
    },
    "setup_installations": {} if "installations-denied" in mistakes else {"acme": [] if "app-missing" in mistakes else
        [{"id": 1000 + n, "app_id": 9000 + n, "app_slug": f"other-{n}", "repository_selection": "all", "permissions": {}} for n in range(150 if "installations-paged" in mistakes else 0)]
        + [{"id": 77, "app_id": APP_ID, "app_slug": "mini-idp", "repository_selection": "all",
            "permissions": {"pull_requests": "read" if "app-permissions" in mistakes else "write", "issues": "read", "metadata": "read"}}]},
    # Tokens of the platform repository's administrators (the others may read only), for idp setup platform.
    **({"setup_admins": ["ghp_doctor"]} if "admins-only" in mistakes else {}),
    # The organisation's own subject template, which a repository with use_default false and no keys follows.
    "setup_orgs": {"acme": {"oidc_sub": {"include_claim_keys": ["repo", "context", "job_workflow_ref", "runner_environment"]}}},
}
scenario_path = os.path.join(work, "github.json")
json.dump(scenario, open(scenario_path, "w"))
env = {"AWS_ACCESS_KEY_ID": creds["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": creds["SecretAccessKey"], "AWS_SESSION_TOKEN": creds["SessionToken"],
       "AWS_ENDPOINT_URL": moto_url, "AWS_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "2"}
print(json.dumps({"env": env, "platform": platform_yml, "scenario": scenario_path, "checksums": checksums}))
