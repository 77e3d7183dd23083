#!/usr/bin/env bash
# Installs the real parts the tests talk to: Debian's chromium (review console in a browser),
# python3-aiosmtpd (a real SMTP server for the digest) and postgresql (the repository suite, clustered Quartz and
# the multi-node tests start their own server from its binaries; the package's own cluster is not used).
# Skips what is already installed.
set -euo pipefail
packages=(chromium python3-aiosmtpd postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing packages: ${missing[*]} (run as root, or install them with apt-get)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
