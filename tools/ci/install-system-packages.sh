#!/usr/bin/env bash
# Debian packages the build and the tests use. Idempotent; needs root (CI runs as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive  # krb5-config and others must not ask questions
PKGS=(libxml2-utils openssl ca-certificates curl apache2 apache2-utils iproute2
      python3-exchangelib libapache2-mod-auth-gssapi gss-ntlmssp
      libkrb5-dev krb5-kdc krb5-admin-server krb5-user libapache2-mod-auth-openidc python3-lxml tmux)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "system packages: all present"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
  exit 1
fi
# Keep dpkg from starting the system apache2: tests start their own on loopback.
made_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && made_policy=1
fi
apt-get -o DPkg::Lock::Timeout=300 update -qq
apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/tmp/ews-apt.log 2>&1 \
  || { tail -30 /tmp/ews-apt.log; exit 1; }
[ "$made_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
echo "system packages: installed ${missing[*]}"
