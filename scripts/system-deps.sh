#!/usr/bin/env bash
# Install the Debian packages the workbook needs beyond Python, only those that are missing:
# XeLaTeX + fonts for PDF export (with Cyrillic and Chinese), pandoc (Markdown cells in PDFs),
# poppler-utils (pdftotext, used by the tests), chromium (the JupyterLab browser test).
set -euo pipefail
PKGS=(texlive-xetex texlive-fonts-recommended texlive-plain-generic texlive-lang-cjk
      texlive-lang-chinese fonts-noto-cjk fonts-dejavu-core pandoc poppler-utils chromium)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "system-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
