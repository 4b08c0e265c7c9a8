#!/usr/bin/env bash
# A real two-site lab for wg-site, built from network + mount namespaces on this machine.
# Every address lives only inside namespaces this script creates. See test/lab/README.md.
set -euo pipefail

STATE_DIR=${WG_SITE_LAB_STATE:-/run/wg-site-lab}
LOCK_FILE=${WG_SITE_LAB_LOCK:-/run/wg-site-lab.lock}
HOLDER_TAG=wg-site-lab-node
NODES=(wan routerA gwA hostA routerB gwB hostB)
# /run/sshd: sshd's privilege-separation directory (it must exist, root's, not writable by others).
GATEWAY_DIRS=(/etc/wireguard /run/wireguard /var/lib/wg-site /run/wg-site /etc/sysctl.d /etc/wg-site /run/sshd)
SSHD=${WG_SITE_LAB_SSHD:-/usr/sbin/sshd}
SSH_GATEWAYS=(gwA:198.51.100.1 gwB:198.51.100.2)

die() {
  echo "lab.sh: $*" >&2
  exit 1
}

usage() {
  cat <<'EOF'
usage: lab.sh COMMAND
  up                      build the lab (tears down a running one first)
  down                    kill every lab process, remove every namespace and state
  status                  show which nodes are up (exit 0 when fully up, 3 otherwise)
  pid NODE                print the holder pid of NODE
  exec NODE -- CMD...     run CMD inside NODE (stdin/stdout/exit code pass through)
  cut gwA|gwB             detach that gateway's WAN port from the WAN bridge
  restore gwA|gwB         re-attach it
  wan-mtu N               set the MTU of the WAN path (bigger packets are dropped silently)
  route-via-gateway A|B   host's default route via its gateway ('default-router' case)
  static-route A|B        router gets the far LAN via the gateway ('static-route' case)
  reset-routes A|B        host default via router, router without far-LAN route
  ssh [SSH-ARGS...] gwA|gwB [CMD...]
                          the admin's ssh client (in node wan) to that gateway's sshd
  ssh-cut gwA|gwB         drop (no reset) every TCP segment of SSH between wan and that gateway
  ssh-restore gwA|gwB     let them pass again
nodes: wan routerA gwA hostA routerB gwB hostB
EOF
}

is_node() {
  local n
  for n in "${NODES[@]}"; do [[ $n == "$1" ]] && return 0; done
  return 1
}

node_kind() {
  case $1 in
    gw*) echo gateway ;;
    router*) echo router ;;
    host*) echo host ;;
    *) echo wan ;;
  esac
}

# True when PID is alive and is one of our processes (guards against pid reuse).
is_lab_pid() {
  local pid=$1 cmd
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *wg-site-lab* ]]
}

# Prints the pid of a node's ready holder, or fails.
holder_pid() {
  local node=$1 pid cmd
  [[ -f $STATE_DIR/$node.pid ]] || return 1
  pid=$(<"$STATE_DIR/$node.pid")
  [[ -r /proc/$pid/cmdline ]] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == "$HOLDER_TAG:$node "* ]] || return 1
  echo "$pid"
}

need_pid() {
  holder_pid "$1" || {
    echo "lab.sh: node $1 is not up (run: test/lab/lab.sh up)" >&2
    exit 125
  }
}

# Runs a command in a node's network and mount namespaces (from the host).
in_node() {
  local node=$1
  shift
  local pid
  pid=$(need_pid "$node")
  nsenter -t "$pid" -n -m -- "$@"
}

take_lock() {
  exec 9>"$LOCK_FILE"
  flock -w 120 9 || die "another lab.sh holds $LOCK_FILE"
}

# The holder: already inside fresh namespaces; sets them up, then becomes `sleep infinity`.
# shellcheck disable=SC2016
HOLDER_SETUP='
set -eu
node=$1 kind=$2 fwd=$3 tag=$4
shift 4
mount -t sysfs sysfs /sys
if [ "$kind" = gateway ]; then
  for d in "$@"; do mount -t tmpfs -o mode=0755,size=16m "wg-site-lab-$node" "$d"; done
  chmod 0700 /etc/wireguard
  # Login records of SSH sessions (sshd writes them for every terminal) go nowhere, not to the host.
  for f in /var/log/wtmp /var/log/btmp /var/log/lastlog /run/utmp /var/run/utmp; do
    if [ -f "$f" ]; then mount --bind /dev/null "$f"; fi
  done
elif [ "$kind" = wan ]; then
  # The admin node (the ssh client): a private home, so nothing ssh keeps in ~ reaches the host.
  mount -t tmpfs -o mode=0700,size=16m "wg-site-lab-$node" /root
fi
ip link set lo up
sysctl -qw net.ipv4.ip_forward="$fwd"
cd /
exec -a "$tag:$node" sleep infinity
'

start_node() {
  local node=$1 kind fwd=0 pid i
  kind=$(node_kind "$node")
  [[ $kind == router ]] && fwd=1
  WG_SITE_LAB_STATE=$STATE_DIR setsid unshare --net --mount --propagation private -- \
    bash -c "$HOLDER_SETUP" wg-site-lab-setup "$node" "$kind" "$fwd" "$HOLDER_TAG" "${GATEWAY_DIRS[@]}" \
    </dev/null >/dev/null 2>"$STATE_DIR/$node.log" 9>&- &
  pid=$!
  echo "$pid" >"$STATE_DIR/$node.pid"
  for ((i = 0; i < 200; i++)); do
    if holder_pid "$node" >/dev/null; then
      ps -o netns= -p "$pid" | tr -d ' ' >"$STATE_DIR/$node.netns"
      ps -o mntns= -p "$pid" | tr -d ' ' >"$STATE_DIR/$node.mntns"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || die "node $node failed to start: $(cat "$STATE_DIR/$node.log")"
    sleep 0.025
  done
  die "node $node did not become ready within 5 s"
}

# veth NODE1 IF1 NODE2 IF2: a veth pair created directly inside the two namespaces (never on the host).
veth() {
  local p1 p2
  p1=$(need_pid "$1")
  p2=$(need_pid "$3")
  ip link add "$2" netns "$p1" type veth peer name "$4" netns "$p2"
  in_node "$1" ip link set "$2" up
  in_node "$3" ip link set "$4" up
}

fail_point() {
  if [[ ${WG_SITE_LAB_FAIL_AT:-} == "$1" ]]; then
    die "simulated failure at '$1' (WG_SITE_LAB_FAIL_AT)"
  fi
}

build_site() {
  local s=$1 net=$2 router=router$1 gw=gw$1 host=host$1
  in_node "$router" ip link add br-lan type bridge
  in_node "$router" ip link set br-lan up
  in_node "$router" ip addr add "$net.1/24" dev br-lan
  veth "$gw" eth-lan "$router" lan-gw
  veth "$host" eth0 "$router" lan-host
  in_node "$router" ip link set lan-gw master br-lan
  in_node "$router" ip link set lan-host master br-lan
  in_node "$gw" ip addr add "$net.2/24" dev eth-lan
  in_node "$host" ip addr add "$net.10/24" dev eth0
  in_node "$host" ip route add default via "$net.1" dev eth0
  fail_point "site$s"
}

build_wan() {
  in_node wan ip link add br-wan type bridge
  in_node wan ip link set br-wan up
  in_node wan ip addr add 198.51.100.254/24 dev br-wan
  veth gwA eth-wan wan wan-gwA
  veth gwB eth-wan wan wan-gwB
  in_node wan ip link set wan-gwA master br-wan
  in_node wan ip link set wan-gwB master br-wan
  in_node gwA ip addr add 198.51.100.1/24 dev eth-wan
  in_node gwB ip addr add 198.51.100.2/24 dev eth-wan
  in_node gwA ip route add default via 198.51.100.254 dev eth-wan
  in_node gwB ip route add default via 198.51.100.254 dev eth-wan
  fail_point wan
}

# SSH: one sshd per gateway; host keys, the admin's key and both configs are made for each lab run in
# $STATE_DIR/ssh (nothing goes to the host's /etc/ssh or ~/.ssh). The client runs in node wan.
ssh_dir() { echo "$STATE_DIR/ssh"; }

ssh_available() { [[ -x $SSHD ]] && command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; }

gw_addr() {
  local pair
  for pair in "${SSH_GATEWAYS[@]}"; do [[ ${pair%%:*} == "$1" ]] && echo "${pair#*:}"; done
  return 0
}

# Which gateways' sshd runs (from their pid files, checked against the process).
sshd_status() {
  local dir gw pid up=""
  dir=$(ssh_dir)
  [[ -d $dir ]] || {
    echo "not set up"
    return 0
  }
  for gw in gwA gwB; do
    pid=$(cat "$dir/$gw/sshd.pid" 2>/dev/null) || continue
    [[ $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *sshd* ]] && up+="$gw "
  done
  echo "${up:-none}"
}

start_sshd() {
  local dir gw addr pair i
  dir=$(ssh_dir)
  if ! ssh_available; then
    echo "lab.sh: $SSHD, ssh or ssh-keygen missing: the gateways run without SSH (npm run setup installs them)" >&2
    return 0
  fi
  mkdir -m 0700 "$dir"
  ssh-keygen -q -t ed25519 -N '' -C wg-site-lab-admin -f "$dir/id_ed25519"
  install -m 0600 "$dir/id_ed25519.pub" "$dir/authorized_keys"
  : >"$dir/known_hosts"
  {
    for pair in "${SSH_GATEWAYS[@]}"; do printf 'Host %s\n  HostName %s\n' "${pair%%:*}" "${pair#*:}"; done
    cat <<EOF
Host *
  User root
  IdentityFile $dir/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  UpdateHostKeys no
  BatchMode yes
  ConnectTimeout 10
  SendEnv LANG LC_* CI CONTINUOUS_INTEGRATION
EOF
  } >"$dir/ssh_config"
  for pair in "${SSH_GATEWAYS[@]}"; do
    gw=${pair%%:*} addr=${pair#*:}
    mkdir -m 0700 "$dir/$gw"
    ssh-keygen -q -t ed25519 -N '' -C "$gw" -f "$dir/$gw/host_ed25519_key"
    echo "$gw,$addr $(cut -d' ' -f1,2 "$dir/$gw/host_ed25519_key.pub")" >>"$dir/known_hosts"
    cat >"$dir/$gw/sshd_config" <<EOF
HostKey $dir/$gw/host_ed25519_key
PidFile $dir/$gw/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AcceptEnv LANG LC_* CI CONTINUOUS_INTEGRATION
SetEnv WG_SITE_LAB=1 WG_SITE_LAB_NODE=$gw WG_QUICK_USERSPACE_IMPLEMENTATION=wireguard-go
EOF
    # sshd forks into the background inside the gateway; down kills it with the node's other processes.
    in_node "$gw" "$SSHD" -f "$dir/$gw/sshd_config" -E "$dir/$gw/sshd.log" </dev/null >/dev/null 9>&- ||
      die "sshd on $gw did not start: $(cat "$dir/$gw/sshd.log" 2>/dev/null)"
    for ((i = 0; i < 200; i++)); do
      [[ -s $dir/$gw/sshd.pid ]] && break
      sleep 0.025
    done
    [[ -s $dir/$gw/sshd.pid ]] || die "sshd on $gw wrote no pid file within 5 s: $(cat "$dir/$gw/sshd.log")"
  done
}

# In node wan, one nft table drops SSH to and from every gateway marked cut (ssh-cut-GW in the state).
SSH_CUT_TABLE=wg_site_lab_ssh_cut

ssh_cut_apply() {
  local gw addr rules=""
  for gw in gwA gwB; do
    [[ -f $STATE_DIR/ssh-cut-$gw ]] || continue
    addr=$(gw_addr "$gw")
    rules+="add rule inet $SSH_CUT_TABLE output ip daddr $addr tcp dport 22 drop
add rule inet $SSH_CUT_TABLE input ip saddr $addr tcp sport 22 drop
"
  done
  in_node wan nft -f - <<EOF
table inet $SSH_CUT_TABLE {}
delete table inet $SSH_CUT_TABLE
table inet $SSH_CUT_TABLE {
  chain output { type filter hook output priority 0; }
  chain input { type filter hook input priority 0; }
}
$rules
EOF
}

UP_DONE=0
on_up_exit() {
  local rc=$?
  if [[ $UP_DONE != 1 ]]; then
    echo "lab.sh: up failed; tearing down what was built" >&2
    do_down >&2 || true
    exit $((rc == 0 ? 1 : rc))
  fi
}

do_up() {
  local node d
  if [[ -d $STATE_DIR ]] && compgen -G "$STATE_DIR/*.pid" >/dev/null; then
    echo "lab.sh: a lab is (partly) up; tearing it down first"
    do_down
  fi
  trap on_up_exit EXIT
  mkdir -p "$STATE_DIR"
  # Mount points for the gateways' private tmpfs; remember the ones we create so down removes them.
  : >"$STATE_DIR/created-dirs"
  for d in "${GATEWAY_DIRS[@]}"; do
    if [[ ! -d $d ]]; then
      mkdir -p "$d"
      echo "$d" >>"$STATE_DIR/created-dirs"
    fi
  done
  for node in "${NODES[@]}"; do
    start_node "$node"
    fail_point "node-$node"
  done
  build_wan
  build_site A 192.168.11
  build_site B 192.168.12
  start_sshd
  fail_point ssh
  echo 1500 >"$STATE_DIR/wan-mtu"
  UP_DONE=1
  trap - EXIT
  echo "lab is up: ${NODES[*]}"
}

# The state dir a holder belongs to (from its environment; holders are started with it set).
holder_state() {
  local st
  st=$(tr '\0' '\n' 2>/dev/null <"/proc/$1/environ" | sed -n 's/^WG_SITE_LAB_STATE=//p')
  echo "${st:-/run/wg-site-lab}"
}

# Every process in one of our namespaces (by namespace inode), plus any stray holder of this lab
# (holders of a lab with another WG_SITE_LAB_STATE are left alone).
lab_pids() {
  local -A wanted=()
  local f ns pid mnt self_net self_mnt
  read -r self_net self_mnt < <(ps -o netns=,mntns= -p $$)
  for f in "$STATE_DIR"/*.netns "$STATE_DIR"/*.mntns; do
    [[ -f $f ]] || continue
    ns=$(<"$f")
    [[ $ns == "$self_net" || $ns == "$self_mnt" ]] || wanted[$ns]=1
  done
  for f in "$STATE_DIR"/*.pid; do
    [[ -f $f ]] || continue
    pid=$(<"$f")
    is_lab_pid "$pid" && echo "$pid"
  done
  for pid in $(pgrep -f "^$HOLDER_TAG:" || true); do
    [[ $(holder_state "$pid") == "$STATE_DIR" ]] || continue
    echo "$pid"
    read -r ns mnt < <(ps -o netns=,mntns= -p "$pid") || continue
    [[ $ns == "$self_net" || $ns == - ]] || wanted[$ns]=1
    [[ $mnt == "$self_mnt" || $mnt == - ]] || wanted[$mnt]=1
  done
  [[ ${#wanted[@]} -gt 0 ]] || return 0
  while read -r pid ns mnt; do
    [[ $pid == "$$" ]] && continue
    if [[ -n ${wanted[$ns]:-} || -n ${wanted[$mnt]:-} ]]; then echo "$pid"; fi
  done < <(ps -eo pid=,netns=,mntns=)
  return 0
}

# True when a node of any lab still running has a mount on directory $1.
mounted_by_other_lab() {
  local pid
  for pid in $(pgrep -f "^$HOLDER_TAG:" || true); do
    awk -v d="$1" '$5 == d { found = 1 } END { exit !found }' "/proc/$pid/mountinfo" 2>/dev/null && return 0
  done
  return 1
}

do_down() {
  local pids i d
  for ((i = 0; i < 100; i++)); do
    pids=$(lab_pids | sort -u | tr '\n' ' ')
    [[ -z ${pids// /} ]] && break
    # Polite first (wireguard-go removes its device), then forceful after ~1.5 s.
    if ((i < 30)); then
      # shellcheck disable=SC2086
      kill -TERM $pids 2>/dev/null || true
    else
      # shellcheck disable=SC2086
      kill -KILL $pids 2>/dev/null || true
    fi
    sleep 0.05
  done
  pids=$(lab_pids | sort -u | tr '\n' ' ')
  [[ -z ${pids// /} ]] || die "could not stop lab processes: $pids"
  # A directory another lab's node still mounts on stays (removing it would detach that mount).
  if [[ -f $STATE_DIR/created-dirs ]]; then
    while read -r d; do
      [[ -n $d ]] && ! mounted_by_other_lab "$d" && rmdir "$d" 2>/dev/null || true
    done <"$STATE_DIR/created-dirs"
  fi
  rm -rf "$STATE_DIR"
  echo "lab is down"
}

do_status() {
  local node pid up=0 cut
  if [[ ! -d $STATE_DIR ]]; then
    echo "lab: down"
    return 3
  fi
  for node in "${NODES[@]}"; do
    if pid=$(holder_pid "$node"); then
      printf '%-8s up   pid %s\n' "$node" "$pid"
      up=$((up + 1))
    else
      printf '%-8s down\n' "$node"
    fi
  done
  cut=$(cd "$STATE_DIR" && for f in cut-*; do [[ -f $f ]] && echo -n "${f#cut-} "; done; true)
  echo "cut: ${cut:-none}"
  echo "wan-mtu: $(cat "$STATE_DIR/wan-mtu" 2>/dev/null || echo unknown)"
  echo "sshd: $(sshd_status)"
  if ((up == ${#NODES[@]})); then
    echo "lab: up"
    return 0
  fi
  echo "lab: partly up ($up/${#NODES[@]})"
  return 3
}

site_arg() {
  case ${1:-} in
    A | a) echo A ;;
    B | b) echo B ;;
    *) die "expected site A or B, got '${1:-}'" ;;
  esac
}

site_net() { [[ $1 == A ]] && echo 192.168.11 || echo 192.168.12; }
far_net() { [[ $1 == A ]] && echo 192.168.12 || echo 192.168.11; }

gw_arg() {
  case ${1:-} in
    gwA | gwB) echo "$1" ;;
    *) die "expected gwA or gwB, got '${1:-}'" ;;
  esac
}

cmd=${1:-}
[[ $# -gt 0 ]] && shift
case $cmd in
  up)
    [[ $EUID == 0 ]] || die "must run as root"
    take_lock
    do_up
    ;;
  down)
    take_lock
    do_down
    ;;
  status) do_status ;;
  pid)
    is_node "${1:-}" || die "unknown node '${1:-}'"
    need_pid "$1"
    ;;
  exec)
    node=${1:-}
    is_node "$node" || die "unknown node '$node' (nodes: ${NODES[*]})"
    shift
    [[ ${1:-} == -- ]] && shift
    [[ $# -gt 0 ]] || die "usage: lab.sh exec NODE -- CMD..."
    pid=$(need_pid "$node")
    extra=()
    [[ $(node_kind "$node") == gateway ]] && extra=(WG_QUICK_USERSPACE_IMPLEMENTATION=wireguard-go)
    exec nsenter -t "$pid" -n -m --wd="$PWD" -- \
      env WG_SITE_LAB=1 WG_SITE_LAB_NODE="$node" "${extra[@]}" "$@"
    ;;
  cut)
    gw=$(gw_arg "${1:-}")
    take_lock
    in_node wan ip link set "wan-$gw" nomaster
    : >"$STATE_DIR/cut-$gw"
    ;;
  restore)
    gw=$(gw_arg "${1:-}")
    take_lock
    in_node wan ip link set "wan-$gw" master br-wan
    rm -f "$STATE_DIR/cut-$gw"
    ;;
  wan-mtu)
    mtu=${1:-}
    [[ $mtu =~ ^[0-9]+$ ]] && ((mtu >= 576 && mtu <= 9000)) || die "wan-mtu needs a number 576..9000"
    take_lock
    for dev in wan-gwA wan-gwB br-wan; do in_node wan ip link set "$dev" mtu "$mtu"; done
    echo "$mtu" >"$STATE_DIR/wan-mtu"
    ;;
  route-via-gateway)
    s=$(site_arg "${1:-}")
    in_node "host$s" ip route replace default via "$(site_net "$s").2" dev eth0
    ;;
  static-route)
    s=$(site_arg "${1:-}")
    in_node "router$s" ip route replace "$(far_net "$s").0/24" via "$(site_net "$s").2" dev br-lan
    ;;
  reset-routes)
    s=$(site_arg "${1:-}")
    in_node "host$s" ip route replace default via "$(site_net "$s").1" dev eth0
    in_node "router$s" ip route del "$(far_net "$s").0/24" 2>/dev/null || true
    ;;
  ssh)
    [[ -f $(ssh_dir)/ssh_config ]] || die "this lab has no SSH (see: lab.sh status)"
    pid=$(need_pid wan)
    exec nsenter -t "$pid" -n -m --wd="$PWD" -- ssh -F "$(ssh_dir)/ssh_config" "$@"
    ;;
  ssh-cut | ssh-restore)
    gw=$(gw_arg "${1:-}")
    take_lock
    if [[ $cmd == ssh-cut ]]; then : >"$STATE_DIR/ssh-cut-$gw"; else rm -f "$STATE_DIR/ssh-cut-$gw"; fi
    ssh_cut_apply
    ;;
  help | -h | --help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
