#!/usr/bin/env bash
# Installs Debian's Celery (5.2.6 on bookworm) for the runtime-agreement suite. It must be importable
# by Debian's own interpreter, /usr/bin/python3, which is not necessarily the first python3 on PATH.
set -euo pipefail

if /usr/bin/python3 -c 'import celery, kombu' >/dev/null 2>&1; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# Other install scripts may be running apt at the same time; wait for the dpkg lock instead of failing.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-celery python3-kombu >/dev/null
/usr/bin/python3 -c 'import celery; print("python3-celery", celery.__version__, "installed")'
