#!/usr/bin/env bash
# Regenerates media/*.svg from real frames: the setup wizard on both gateways of the two-site lab and
# the live panel with traffic, each captured from an 80x24 tmux terminal (see scripts/media.ts).
# Needs root, Linux network namespaces, tmux and the lab's tools (test/lab/README.md).
# Runs on its own lab instance (WG_SITE_LAB_STATE/LOCK, default /run/wg-site-lab-media), so a lab of the
# tests is left alone; that instance is torn down at the end, also on failure.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
[[ $EUID == 0 ]] || {
  echo "media.sh: run as root (the lab needs network namespaces)" >&2
  exit 1
}
command -v tmux >/dev/null || {
  echo "media.sh: tmux is needed (apt-get install tmux)" >&2
  exit 1
}
[[ -d node_modules ]] || {
  echo "media.sh: run npm ci first" >&2
  exit 1
}
export WG_SITE_LAB_STATE=${WG_SITE_LAB_STATE:-/run/wg-site-lab-media}
export WG_SITE_LAB_LOCK=${WG_SITE_LAB_LOCK:-/run/wg-site-lab-media.lock}
exec node --import tsx scripts/media.ts
