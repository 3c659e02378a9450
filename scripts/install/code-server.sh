#!/usr/bin/env bash
# Installs what the VS Code suites (test/vscode/**) need: Debian's chromium (headless browser for the
# workbench), libkrb5-dev (code-server's native `kerberos` module builds against it), ripgrep, and
# code-server 4.100.3 (the last release running on Node 20) in a cache directory outside the repo.
# Idempotent and silent when everything is already there.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, whose postinstall fetches this asset from GitHub.
RIPGREP_PACKAGE_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

tools_dir="${CELERY_SIGNALS_TOOLS:-$HOME/.cache/celery-signals-tools}"
install_dir="$tools_dir/code-server-$CODE_SERVER_VERSION"
done_marker="$install_dir/.installed"

missing_debs=()
for deb in chromium libkrb5-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$deb" 2>/dev/null | grep -q 'ok installed' || missing_debs+=("$deb")
done
if [ ${#missing_debs[@]} -gt 0 ]; then
  echo "code-server.sh: installing ${missing_debs[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing_debs[@]}" >/dev/null
fi

[ -f "$done_marker" ] && exit 0

echo "code-server.sh: installing code-server $CODE_SERVER_VERSION into $install_dir (takes a few minutes)"
rm -rf "$install_dir"
mkdir -p "$install_dir"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# No GitHub here: give @vscode/ripgrep's postinstall a cached "download" built from Debian's rg.
ripgrep_cache="$scratch/vscode-ripgrep-cache-$RIPGREP_PACKAGE_VERSION"
mkdir -p "$ripgrep_cache" "$scratch/rg"
cp "$(command -v rg)" "$scratch/rg/rg"
tar -czf "$ripgrep_cache/$RIPGREP_ASSET" -C "$scratch/rg" rg

cd "$install_dir"
printf '{ "name": "celery-signals-code-server", "private": true }\n' > package.json
# yes=true: a user-level `yes=false` cancels the prompts of the postinstall's nested npm runs.
# --unsafe-perm: as root, code-server's postinstall refuses to run without it.
TMPDIR="$scratch" npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm --foreground-scripts \
  "code-server@$CODE_SERVER_VERSION" > "$scratch/npm.log" 2>&1 || {
  tail -n 60 "$scratch/npm.log" >&2
  echo "code-server.sh: npm install failed" >&2
  exit 1
}
"$install_dir/node_modules/.bin/code-server" --version >/dev/null
touch "$done_marker"
echo "code-server.sh: code-server $CODE_SERVER_VERSION ready"
