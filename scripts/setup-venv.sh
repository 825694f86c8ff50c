#!/usr/bin/env bash
# Create the project's virtual environment from requirements.txt and make it the workbook's:
# `import helpers` works from any folder (a .pth file), and nbconvert and JupyterLab's
# "Save and Export Notebook As > PDF" use the workbook's LaTeX template (templates/workbook).
set -euo pipefail
PYTHON=${1:-python3}
VENV=${2:-.venv}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -r "$ROOT/requirements.txt"
SITE=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$ROOT" > "$SITE/workbook.pth"
TPL="$VENV/share/jupyter/nbconvert/templates/workbook"
rm -rf "$TPL"; mkdir -p "$TPL"
cp "$ROOT"/templates/workbook/* "$TPL/"
mkdir -p "$VENV/etc/jupyter"
CONF='{"LatexExporter": {"template_name": "workbook"}, "PDFExporter": {"template_name": "workbook"}}'
echo "$CONF" > "$VENV/etc/jupyter/jupyter_nbconvert_config.json"
# JupyterLab's export runs inside the server, which reads the server's config files.
cat > "$VENV/etc/jupyter/jupyter_server_config.json" <<JSON
{"LatexExporter": {"template_name": "workbook"}, "PDFExporter": {"template_name": "workbook"},
 "ServerApp": {"ip": "127.0.0.1"}}
JSON
# JupyterLab (scripts/lab-overrides.json): no news or update checks (offline), no virtualised
# notebook rendering, long code lines wrapped inside the cell instead of running off it.
SET="$VENV/share/jupyter/lab/settings"
mkdir -p "$SET"
cp "$ROOT/scripts/lab-overrides.json" "$SET/overrides.json"
echo "venv ready: $VENV"
