#!/bin/sh
# wg-site firewall for wg0 (site "lab"), iptables rendering.
# Generated: edit the site file, not this. Usage: up | down
set -e
case "$1" in
up)
  ip6tables -w -t filter -N WGS-WG0-IN 2>/dev/null || ip6tables -w -t filter -F WGS-WG0-IN
  ip6tables -w -t filter -A WGS-WG0-IN -p udp --dport 51820 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -p ipv6-icmp -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -j DROP
  ip6tables -w -t filter -C INPUT -j WGS-WG0-IN 2>/dev/null || ip6tables -w -t filter -I INPUT 1 -j WGS-WG0-IN
  ip6tables -w -t filter -N WGS-WG0-FWD 2>/dev/null || ip6tables -w -t filter -F WGS-WG0-FWD
  ip6tables -w -t filter -A WGS-WG0-FWD -i eth0 -o wg0 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o eth0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o eth0 -p ipv6-icmp -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o eth0 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -j DROP
  ip6tables -w -t filter -C FORWARD -j WGS-WG0-FWD 2>/dev/null || ip6tables -w -t filter -I FORWARD 1 -j WGS-WG0-FWD
  ip6tables -w -t mangle -N WGS-WG0-MSS 2>/dev/null || ip6tables -w -t mangle -F WGS-WG0-MSS
  ip6tables -w -t mangle -A WGS-WG0-MSS -o wg0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
  ip6tables -w -t mangle -C FORWARD -j WGS-WG0-MSS 2>/dev/null || ip6tables -w -t mangle -I FORWARD 1 -j WGS-WG0-MSS
  ;;
down)
  while ip6tables -w -t filter -D INPUT -j WGS-WG0-IN 2>/dev/null; do :; done
  ip6tables -w -t filter -F WGS-WG0-IN 2>/dev/null || true
  ip6tables -w -t filter -X WGS-WG0-IN 2>/dev/null || true
  while ip6tables -w -t filter -D FORWARD -j WGS-WG0-FWD 2>/dev/null; do :; done
  ip6tables -w -t filter -F WGS-WG0-FWD 2>/dev/null || true
  ip6tables -w -t filter -X WGS-WG0-FWD 2>/dev/null || true
  while ip6tables -w -t mangle -D FORWARD -j WGS-WG0-MSS 2>/dev/null; do :; done
  ip6tables -w -t mangle -F WGS-WG0-MSS 2>/dev/null || true
  ip6tables -w -t mangle -X WGS-WG0-MSS 2>/dev/null || true
  ;;
*)
  echo "usage: $0 up|down" >&2; exit 2
  ;;
esac
