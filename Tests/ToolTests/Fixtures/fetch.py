"""Prints the body of GET URL (the fake servers' state endpoints), or of POST URL with BODY (their
test controls, such as /_pulls/{o}/{r}/{n})."""
import sys
import urllib.request

data = sys.argv[2].encode() if len(sys.argv) > 2 else None
print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=data, method="POST" if data else "GET"), timeout=10).read().decode())
