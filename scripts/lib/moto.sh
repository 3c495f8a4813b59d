# shellcheck shell=bash
# Shared by scripts/test and scripts/demo: start a moto server on 127.0.0.1 and stop it on exit.
# After start_moto, MOTO_URL holds its address.

start_moto() {
  ensure_pip moto.server "moto[server]"
  python3 -c "import flask, flask_cors" >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check "moto[server]" >&2
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local log="${TMPDIR:-/tmp}/idp-moto-$port.log"
  # moto, with the CloudWatch alarm actions it lacks (scripts/lib/moto_server.py).
  python3 "$(dirname "${BASH_SOURCE[0]}")/moto_server.py" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  MOTO_PID=$!
  trap 'kill "$MOTO_PID" 2>/dev/null || true' EXIT
  MOTO_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=1)" "$MOTO_URL" >/dev/null 2>&1; then
      echo "moto server on $MOTO_URL (log: $log)" >&2
      return 0
    fi
    kill -0 "$MOTO_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "moto server did not start; see $log" >&2
  cat "$log" >&2
  return 1
}
