"""Plays the parts of the demo that OpenTofu and docker play in real life, against moto:
bootstrap (state bucket, lock table, ECR repository), image pushes, and a provisioned state.

Usage: demo_seed.py bootstrap BUCKET TABLE REPOSITORY
       demo_seed.py push REPOSITORY TAG
       demo_seed.py apply BUCKET TABLE ENVIRONMENT ENDPOINT
"""
import hashlib
import json
import sys

import boto3

command, args = sys.argv[1], sys.argv[2:]
s3 = boto3.client("s3")
ecr = boto3.client("ecr")
dynamodb = boto3.client("dynamodb")

if command == "bootstrap":
    bucket, table, repository = args
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    dynamodb.create_table(TableName=table, KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
                          BillingMode="PAY_PER_REQUEST")
    ecr.create_repository(repositoryName=repository)
    print(f"bucket s3://{bucket}, lock table {table}, ECR repository {repository}")
elif command == "push":
    repository, tag = args
    layer = "sha256:" + hashlib.sha256(tag.encode()).hexdigest()
    manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1,
                           "digest": "sha256:" + "0" * 64},
                "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 1, "digest": layer}]}
    result = ecr.put_image(repositoryName=repository, imageTag=tag, imageManifest=json.dumps(manifest))
    print(f"pushed {repository}:{tag} ({result['image']['imageId']['imageDigest'][:19]}…)")
elif command == "apply":
    bucket, table, environment, endpoint = args
    key = f"environments/{environment}/terraform.tfstate"
    state = json.dumps({"version": 4, "terraform_version": "1.10.0", "serial": 3, "lineage": "demo",
                        "outputs": {"endpoint": {"value": endpoint, "type": "string"}}, "resources": []}, indent=2).encode()
    s3.put_object(Bucket=bucket, Key=key, Body=state)
    outputs = {"endpoint": {"sensitive": False, "type": "string", "value": endpoint},
               "db_password": {"sensitive": True, "type": "string", "value": "not-a-real-password"}}
    s3.put_object(Bucket=bucket, Key=f"environments/{environment}/outputs.json", Body=json.dumps(outputs).encode())
    dynamodb.put_item(TableName=table, Item={"LockID": {"S": f"{bucket}/{key}-md5"},
                                             "Digest": {"S": hashlib.md5(state).hexdigest()}})
    print(f"tofu apply (simulated): s3://{bucket}/{key}, outputs.json, lock digest item")
else:
    sys.exit(f"unknown command {command}")
