#!/usr/bin/env bash
# `npm run demo`: build the two-site lab, join its sites with wg-site exactly as a user would
# (keygen, pubkey, site files, apply), start traffic between the LANs and open wg-site on gateway A.
# Leaving the view (Ctrl-C, or the panel's quit key) tears the lab down. Run as root on Linux.
#
#   WG_SITE_DEMO_SECONDS=N   show the final view for N seconds, then tear down (default without a TTY: 10)
#   WG_SITE_DEMO_ROUTING_B=default-router|static-route|masquerade   site B's routing option (site A is
#                            always its LAN's default router); default: default-router
#   WG_SITE_LAB_STATE / WG_SITE_LAB_LOCK   run on a separately named lab (see test/lab/README.md)
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB="$REPO/test/lab/lab.sh"
SITE_PATH=/etc/wg-site/lab-site.json
ROUTING_B=${WG_SITE_DEMO_ROUTING_B:-default-router}
DURATION=${WG_SITE_DEMO_SECONDS:-}
cd "$REPO"

say() { printf '\n==> %s\n' "$*"; }
die() {
  echo "demo: $*" >&2
  exit 1
}

[[ $(uname -s) == Linux ]] || die "the lab needs Linux network namespaces"
[[ $EUID == 0 ]] || die "run as root, e.g. sudo npm run demo"
case $ROUTING_B in
  default-router | static-route | masquerade) ;;
  *) die "WG_SITE_DEMO_ROUTING_B must be default-router, static-route or masquerade, not '$ROUTING_B'" ;;
esac
[[ -z $DURATION || $DURATION =~ ^[0-9]+$ ]] || die "WG_SITE_DEMO_SECONDS must be a whole number"
command -v node >/dev/null || die "Node.js 20 or newer is needed (https://nodejs.org or your distribution)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
  die "Node.js 20 or newer is needed; this is $(node --version)"

# --- 1. system tools --------------------------------------------------------------------------
declare -A PACKAGE_OF=(
  [wg]=wireguard-tools [wg-quick]=wireguard-tools [wireguard-go]=wireguard-go [ip]=iproute2
  [ss]=iproute2 [nft]=nftables [iptables]=iptables [ping]=iputils-ping [iperf3]=iperf3
  [unshare]=util-linux [nsenter]=util-linux [setsid]=util-linux [flock]=util-linux
)
missing=()
for tool in "${!PACKAGE_OF[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${PACKAGE_OF[$tool]}")
done
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  command -v apt-get >/dev/null || die "please install: ${missing[*]}"
  say "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
fi
[[ -e /dev/net/tun ]] || die "/dev/net/tun is missing (wireguard-go needs it; try: modprobe tun)"

# --- 2. the project -----------------------------------------------------------------------------
if [[ ! -d node_modules ]]; then
  say "Installing the project's dependencies (npm ci, which also builds)"
  npm ci
fi
if [[ ! -f dist/cli.js ]] || [[ -n $(find source scripts package-lock.json -newer dist/cli.js -print -quit) ]]; then
  say "Building wg-site (npm run build)"
  npm run build
fi

wg_site() { # wg_site NODE ARGS...: the built CLI, run inside a lab node
  local node=$1
  shift
  "$LAB" exec "$node" -- node "$REPO/bin/wg-site.js" "$@"
}

# --- 3. the lab ---------------------------------------------------------------------------------
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  trap '' PIPE # with stdout gone, the teardown must still run: writes then just fail
  say "Tearing the lab down" || true
  "$LAB" down || rc=1
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP  # the terminal went away
trap 'exit 141' PIPE # our output went away (e.g. `| head`)

say "Building the two-site lab (network namespaces; nothing leaves this machine)"
"$LAB" up
cat <<'EOF'
  site A 192.168.11.0/24: hostA .10, routerA .1, gateway gwA .2 (WAN 198.51.100.1)
  site B 192.168.12.0/24: hostB .10, routerB .1, gateway gwB .2 (WAN 198.51.100.2)
EOF

# --- 4. wg-site on both gateways, as a user would run it ----------------------------------------
say "wg-site keygen on each gateway (the private key stays in the gateway's /etc/wireguard)"
wg_site gwA keygen >/dev/null
wg_site gwB keygen >/dev/null
PUB_A=$(wg_site gwA pubkey)
PUB_B=$(wg_site gwB pubkey)
echo "  gwA public key: $PUB_A"
echo "  gwB public key: $PUB_B"

say "Writing each site file with the other gateway's public key (site A: default-router, site B: $ROUTING_B)"
write_site() { # write_site A|B ROUTING FAR_KEY
  node --import tsx test/lab/site-files.ts "$1" "$2" "$3" |
    "$LAB" exec "gw$1" -- sh -c "umask 077 && cat > $SITE_PATH"
}
write_site A default-router "$PUB_B"
write_site B "$ROUTING_B" "$PUB_A"
"$LAB" exec gwA -- cat "$SITE_PATH"

say "wg-site apply --yes on gwA"
wg_site gwA apply --site "$SITE_PATH" --yes
say "wg-site apply --yes on gwB"
wg_site gwB apply --site "$SITE_PATH" --yes

say "Routing the LANs through their gateways"
"$LAB" route-via-gateway A
case $ROUTING_B in
  default-router) "$LAB" route-via-gateway B ;;
  static-route) "$LAB" static-route B ;;
  masquerade) echo "  site B: no route change (gwB masquerades far-site traffic onto its LAN)" ;;
esac

for ((i = 0; i < 100; i++)); do
  "$LAB" exec hostA -- ping -n -c1 -W1 192.168.12.10 >/dev/null && break
  ((i < 99)) || die "hostA cannot reach hostB through the tunnel"
done
echo "  hostA reaches hostB through the tunnel"

# --- 5. traffic ---------------------------------------------------------------------------------
say "Traffic: iperf3 hostA → hostB at 20 Mbit/s, and a ping from hostA every second"
"$LAB" exec hostB -- iperf3 -s >/dev/null 2>&1 &
for ((i = 0; i < 100; i++)); do
  "$LAB" exec hostB -- ss -Hltn 'sport = :5201' | grep -q LISTEN && break
  ((i < 99)) || die "the iperf3 server on hostB did not start"
  sleep 0.1
done
"$LAB" exec hostA -- iperf3 -c 192.168.12.10 -b 20M -t 0 >/dev/null 2>&1 &
"$LAB" exec hostA -- ping -n -i 1 192.168.12.10 >/dev/null 2>&1 &

# --- 6. wg-site on gateway A --------------------------------------------------------------------
interactive=0
[[ -t 0 && -t 1 ]] && interactive=1
[[ $interactive == 1 || -n $DURATION ]] || DURATION=10

has_command() { # has_command NAME: the built wg-site offers that command
  grep -Eq "^  $1 " <<<"$(node bin/wg-site.js --help)"
}

status_loop() { # refreshes every 2 s; until Ctrl-C, or for $DURATION seconds
  local view=(wg show wg0)
  has_command status && view=(node "$REPO/bin/wg-site.js" status --interface wg0)
  local end=$((SECONDS + ${DURATION:-999999999}))
  while ((SECONDS < end)); do
    [[ $interactive == 1 ]] && clear
    echo "gwA: ${view[*]}    ($(date +%T); Ctrl-C ends the demo and tears the lab down)"
    "$LAB" exec gwA -- "${view[@]}" || true
    sleep 2
  done
}

if [[ $interactive == 1 ]] && has_command panel; then
  say "Opening wg-site panel on gwA (quit it to end the demo)"
  if [[ -n $DURATION ]]; then
    timeout --foreground "$DURATION" "$LAB" exec gwA -- node "$REPO/bin/wg-site.js" panel --interface wg0 || true
  else
    "$LAB" exec gwA -- node "$REPO/bin/wg-site.js" panel --interface wg0 || true
  fi
else
  say "Watching gwA${DURATION:+ for $DURATION s}"
  status_loop
fi
