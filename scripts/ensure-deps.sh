#!/usr/bin/env bash
# Installs the Debian packages a build or a test run needs, only when they are missing.
# Usage: scripts/ensure-deps.sh build|test
# CI and developers run as root; elsewhere set SUDO=sudo.
# `test` also unpacks Exim (the MTA that sends BDAT) into var/exim/root without installing it:
# exim4 and postfix are both "mail-transport-agent", so installing one removes the other.
set -euo pipefail
SUDO=${SUDO:-}
root=$(cd "$(dirname "$0")/.." && pwd)
want=(libicu-dev libsqlite3-dev pkg-config)
if [ "${1:-build}" = test ]; then
  # Real peers for the end-to-end tests (see ../shared/recipes/RECIPES.md). libidn12 is a
  # library the unpacked Exim binary links against.
  want+=(swaks libnet-ssleay-perl libio-socket-inet6-perl postfix dovecot-core dovecot-lmtpd openssl python3
    libidn12 libgnutls-dane0 libdb5.3 libpcre2-8-0)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Other jobs on the machine may hold the dpkg lock: wait for it instead of failing.
apt=(apt-get -o DPkg::Lock::Timeout=600 -qq)
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Postfix must not ask questions nor start the system instance; tests start their own.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  log=$(mktemp)
  # Quiet on success; the whole apt output when something fails.
  if ! { $SUDO "${apt[@]}" update && $SUDO "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; exit 1
  fi
  rm -f "$log"
fi
if [ "${1:-build}" = test ]; then
  exim="$root/var/exim/root/usr/sbin/exim4"
  if [ ! -x "$exim" ]; then
    echo "ensure-deps: unpacking exim4 into var/exim/root (not installed)"
    debs="$root/var/exim/debs"
    mkdir -p "$debs" "$root/var/exim/root"
    # apt's sandbox user cannot write into the repo; download as root into the folder.
    (cd "$debs" && $SUDO "${apt[@]}" -o APT::Sandbox::User=root download exim4-daemon-light exim4-base) \
      || { $SUDO "${apt[@]}" update && (cd "$debs" && $SUDO "${apt[@]}" -o APT::Sandbox::User=root download exim4-daemon-light exim4-base); }
    for d in "$debs"/exim4-daemon-light_*.deb "$debs"/exim4-base_*.deb; do dpkg-deb -x "$d" "$root/var/exim/root"; done
  fi
  # Exim refuses to deliver as root and needs its own system user, as the package would create.
  getent passwd Debian-exim >/dev/null || $SUDO useradd --system --no-create-home --shell /usr/sbin/nologin Debian-exim
fi
