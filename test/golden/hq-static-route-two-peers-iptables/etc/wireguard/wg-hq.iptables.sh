#!/bin/sh
# wg-site firewall for wg-hq (site "hq"), iptables rendering.
# Generated: edit the site file, not this. Usage: up | down
set -e
case "$1" in
up)
  iptables -w -t filter -N wgs-wg-hq-IN 2>/dev/null || iptables -w -t filter -F wgs-wg-hq-IN
  iptables -w -t filter -A wgs-wg-hq-IN -p udp --dport 51821 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p icmp -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p tcp --dport 22 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p tcp --dport 80 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p tcp --dport 443 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p tcp --dport 445 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -p udp --dport 53 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-IN -i wg-hq -j DROP
  iptables -w -t filter -C INPUT -j wgs-wg-hq-IN 2>/dev/null || iptables -w -t filter -I INPUT 1 -j wgs-wg-hq-IN
  iptables -w -t filter -N wgs-wg-hq-FWD 2>/dev/null || iptables -w -t filter -F wgs-wg-hq-FWD
  iptables -w -t filter -A wgs-wg-hq-FWD -i lan0 -o wg-hq -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p icmp -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p tcp --dport 22 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p tcp --dport 80 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p tcp --dport 443 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p tcp --dport 445 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -o lan0 -p udp --dport 53 -j ACCEPT
  iptables -w -t filter -A wgs-wg-hq-FWD -i wg-hq -j DROP
  iptables -w -t filter -C FORWARD -j wgs-wg-hq-FWD 2>/dev/null || iptables -w -t filter -I FORWARD 1 -j wgs-wg-hq-FWD
  iptables -w -t mangle -N wgs-wg-hq-MSS 2>/dev/null || iptables -w -t mangle -F wgs-wg-hq-MSS
  iptables -w -t mangle -A wgs-wg-hq-MSS -o wg-hq -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
  iptables -w -t mangle -C FORWARD -j wgs-wg-hq-MSS 2>/dev/null || iptables -w -t mangle -I FORWARD 1 -j wgs-wg-hq-MSS
  ;;
down)
  while iptables -w -t filter -D INPUT -j wgs-wg-hq-IN 2>/dev/null; do :; done
  iptables -w -t filter -F wgs-wg-hq-IN 2>/dev/null || true
  iptables -w -t filter -X wgs-wg-hq-IN 2>/dev/null || true
  while iptables -w -t filter -D FORWARD -j wgs-wg-hq-FWD 2>/dev/null; do :; done
  iptables -w -t filter -F wgs-wg-hq-FWD 2>/dev/null || true
  iptables -w -t filter -X wgs-wg-hq-FWD 2>/dev/null || true
  while iptables -w -t mangle -D FORWARD -j wgs-wg-hq-MSS 2>/dev/null; do :; done
  iptables -w -t mangle -F wgs-wg-hq-MSS 2>/dev/null || true
  iptables -w -t mangle -X wgs-wg-hq-MSS 2>/dev/null || true
  ;;
*)
  echo "usage: $0 up|down" >&2; exit 2
  ;;
esac
