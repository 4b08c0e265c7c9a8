#!/bin/sh
# wg-site firewall for wg0 (site "home"), iptables rendering.
# Generated: edit the site file, not this. Usage: up | down
set -e
case "$1" in
up)
  iptables -w -t filter -N WGS-WG0-IN 2>/dev/null || iptables -w -t filter -F WGS-WG0-IN
  iptables -w -t filter -A WGS-WG0-IN -p udp --dport 51820 -j ACCEPT
  iptables -w -t filter -A WGS-WG0-IN -i wg0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A WGS-WG0-IN -i wg0 -p icmp -j ACCEPT
  iptables -w -t filter -A WGS-WG0-IN -i wg0 -p udp --dport 5060 -j ACCEPT
  iptables -w -t filter -A WGS-WG0-IN -i wg0 -j DROP
  iptables -w -t filter -C INPUT -j WGS-WG0-IN 2>/dev/null || iptables -w -t filter -I INPUT 1 -j WGS-WG0-IN
  iptables -w -t filter -N WGS-WG0-FWD 2>/dev/null || iptables -w -t filter -F WGS-WG0-FWD
  iptables -w -t filter -A WGS-WG0-FWD -i br0 -o wg0 -j ACCEPT
  iptables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -p icmp -j ACCEPT
  iptables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -p udp --dport 5060 -j ACCEPT
  iptables -w -t filter -A WGS-WG0-FWD -i wg0 -j DROP
  iptables -w -t filter -C FORWARD -j WGS-WG0-FWD 2>/dev/null || iptables -w -t filter -I FORWARD 1 -j WGS-WG0-FWD
  iptables -w -t mangle -N WGS-WG0-MSS 2>/dev/null || iptables -w -t mangle -F WGS-WG0-MSS
  iptables -w -t mangle -A WGS-WG0-MSS -o wg0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
  iptables -w -t mangle -C FORWARD -j WGS-WG0-MSS 2>/dev/null || iptables -w -t mangle -I FORWARD 1 -j WGS-WG0-MSS
  ip6tables -w -t filter -N WGS-WG0-IN 2>/dev/null || ip6tables -w -t filter -F WGS-WG0-IN
  ip6tables -w -t filter -A WGS-WG0-IN -p udp --dport 51820 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -p ipv6-icmp -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -p udp --dport 5060 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-IN -i wg0 -j DROP
  ip6tables -w -t filter -C INPUT -j WGS-WG0-IN 2>/dev/null || ip6tables -w -t filter -I INPUT 1 -j WGS-WG0-IN
  ip6tables -w -t filter -N WGS-WG0-FWD 2>/dev/null || ip6tables -w -t filter -F WGS-WG0-FWD
  ip6tables -w -t filter -A WGS-WG0-FWD -i br0 -o wg0 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -p ipv6-icmp -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -o br0 -p udp --dport 5060 -j ACCEPT
  ip6tables -w -t filter -A WGS-WG0-FWD -i wg0 -j DROP
  ip6tables -w -t filter -C FORWARD -j WGS-WG0-FWD 2>/dev/null || ip6tables -w -t filter -I FORWARD 1 -j WGS-WG0-FWD
  ip6tables -w -t mangle -N WGS-WG0-MSS 2>/dev/null || ip6tables -w -t mangle -F WGS-WG0-MSS
  ip6tables -w -t mangle -A WGS-WG0-MSS -o wg0 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
  ip6tables -w -t mangle -C FORWARD -j WGS-WG0-MSS 2>/dev/null || ip6tables -w -t mangle -I FORWARD 1 -j WGS-WG0-MSS
  ;;
down)
  while iptables -w -t filter -D INPUT -j WGS-WG0-IN 2>/dev/null; do :; done
  iptables -w -t filter -F WGS-WG0-IN 2>/dev/null || true
  iptables -w -t filter -X WGS-WG0-IN 2>/dev/null || true
  while iptables -w -t filter -D FORWARD -j WGS-WG0-FWD 2>/dev/null; do :; done
  iptables -w -t filter -F WGS-WG0-FWD 2>/dev/null || true
  iptables -w -t filter -X WGS-WG0-FWD 2>/dev/null || true
  while iptables -w -t mangle -D FORWARD -j WGS-WG0-MSS 2>/dev/null; do :; done
  iptables -w -t mangle -F WGS-WG0-MSS 2>/dev/null || true
  iptables -w -t mangle -X WGS-WG0-MSS 2>/dev/null || true
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
