#!/usr/bin/env bash
# Installs everything wg-site's tests and lab need on a Debian machine (run as root), then the
# npm dependencies (npm ci also builds the bundle through the prepare script).
set -euo pipefail
cd "$(dirname "$0")/.."

# program → Debian package
wanted=(
  wg:wireguard-tools wg-quick:wireguard-tools wireguard-go:wireguard-go ip:iproute2 ss:iproute2
  nft:nftables iptables:iptables ping:iputils-ping iperf3:iperf3 tmux:tmux
  unshare:util-linux nsenter:util-linux setsid:util-linux flock:util-linux sysctl:procps pgrep:procps
  sshd:openssh-server ssh:openssh-client ssh-keygen:openssh-client
)
missing=()
for pair in "${wanted[@]}"; do
  program=${pair%%:*} package=${pair#*:}
  command -v "$program" >/dev/null 2>&1 || [[ -x /usr/sbin/$program ]] || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing ${missing[*]}; run as root (sudo npm run setup) to install them" >&2
    exit 1
  fi
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Packages must not start services on this host (openssh-server would start an sshd where an init
  # system runs): while installing, a policy denies every start (the machine's own policy, if any, is
  # put back afterwards).
  policy=/usr/sbin/policy-rc.d saved=""
  if [[ -e $policy ]]; then
    saved=$(mktemp)
    cp -p "$policy" "$saved"
  fi
  trap 'if [[ -n $saved ]]; then mv -f "$saved" "$policy"; else rm -f "$policy"; fi' EXIT
  printf '#!/bin/sh\n# wg-site setup: no service starts while installing\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  npm run build
fi
echo "setup: ready"
