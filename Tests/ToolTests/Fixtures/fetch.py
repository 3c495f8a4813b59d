"""Prints the body of GET URL (the fake servers' state endpoints)."""
import sys
import urllib.request

print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())
