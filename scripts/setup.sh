#!/usr/bin/env bash
# Installs everything yearbook needs on a Debian or Ubuntu machine: the Chinese
# fonts the PDF embeds, poppler and LibreOffice (the tests read our PDF and open
# our DOCX in a real word processor), and the Python packages. Safe to run again:
# it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fontconfig poppler-utils
  fonts-noto-cjk fonts-lxgw-wenkai
  libreoffice-writer-nogui
)

if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing Debian packages: ${missing[*]}"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "apt-get not found: install the fonts and LibreOffice listed in README.md by hand." >&2
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'

# Noto CJK ships PostScript (CFF) outlines, which PDF libraries cannot embed as
# TrueType: convert them once, into the user's cache (about a minute, then cached).
python3 -m yearbook.fonts
