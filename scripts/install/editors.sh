#!/usr/bin/env bash
# Installs the headless editors the LSP editor suites drive: Neovim (built-in LSP client) and
# Emacs with eglot. Idempotent and quiet when everything is already there.
set -euo pipefail
wanted=(neovim emacs-nox elpa-eglot)
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
