"""Signs requests with botocore's own SigV4 signer, for comparison with the Swift one.

stdin: one JSON object per line: {method, url, headers: [[k, v]], body (text), region, service,
access_key, secret_key, token (or null), timestamp ("YYYYMMDDTHHMMSSZ")}.
stdout: one line per request: the Authorization header botocore computes.
"""
import datetime
import json
import sys
from unittest import mock

from botocore.auth import S3SigV4Auth, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

for line in sys.stdin:
    case = json.loads(line)
    request = AWSRequest(method=case["method"], url=case["url"], data=case["body"].encode("utf-8"))
    for key, value in case["headers"]:
        request.headers[key] = value
    credentials = Credentials(case["access_key"], case["secret_key"], case["token"])
    signer_class = S3SigV4Auth if case["service"] == "s3" else SigV4Auth
    signer = signer_class(credentials, case["service"], case["region"])
    when = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        signer.add_auth(request)
    print(request.headers["Authorization"], flush=True)
