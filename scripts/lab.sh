#!/usr/bin/env bash
# `make lab`: JupyterLab for the workbook, for root (this machine, Docker, CI) and ordinary users.
# Serves on 127.0.0.1 only, with token authentication; the file browser is rooted at the
# repository, so README.md, data/ and notebooks/ are all in reach. Prints the address with its
# token before the server starts. Environment: PORT (default 8888; the next free port if taken),
# JUPYTER_TOKEN (default: a new random token each start), VENV (default .venv).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY="$VENV/bin/python"
PORT=$("$PY" - "${PORT:-8888}" <<'PY'
import socket, sys
port = int(sys.argv[1])
for p in range(port, port + 50):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            continue
        print(p)
        break
else:
    sys.exit(f"lab: no free port in {port}-{port + 49}")
PY
)
TOKEN=${JUPYTER_TOKEN:-$("$PY" -c 'import secrets; print(secrets.token_hex(24))')}
ARGS=(--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port="$PORT" --ServerApp.port_retries=0
      --ServerApp.root_dir="$ROOT" --IdentityProvider.token="$TOKEN")
# Jupyter refuses to run as root without --allow-root; pass it only when it is needed.
if [ "$(id -u)" -eq 0 ]; then
  ARGS+=(--allow-root)
fi
cat <<EOF

  JupyterLab for the outlet-framing workbook
    open in your browser:  http://127.0.0.1:$PORT/lab?token=$TOKEN
    token (if asked):      $TOKEN
    start with:            notebooks/00-findings.ipynb (read first), then 01-05;
                           README.md and data/ are in the file browser.
    stop:                  Ctrl+C in this terminal (twice), or kill the server's process.

EOF
exec "$VENV/bin/jupyter" lab "${ARGS[@]}"
