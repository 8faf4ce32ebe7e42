#!/usr/bin/env bash
# Installs the Debian packages a build or a test run needs, only when they are missing.
# Usage: scripts/ensure-deps.sh build|test
# CI and developers run as root; elsewhere set SUDO=sudo.
set -euo pipefail
SUDO=${SUDO:-}
want=(libicu-dev libsqlite3-dev pkg-config)
if [ "${1:-build}" = test ]; then
  # Real peers for the end-to-end tests (see ../shared/recipes/RECIPES.md).
  want+=(swaks libnet-ssleay-perl libio-socket-inet6-perl postfix dovecot-core dovecot-lmtpd openssl python3)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Postfix must not ask questions nor start the system instance; tests start their own.
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
