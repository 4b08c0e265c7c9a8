#!/bin/sh
# wg-site firewall for wg1 (site "hub"), iptables rendering.
# Generated: edit the site file, not this. Usage: up | down
set -e
case "$1" in
up)
  iptables -w -t filter -N WGS-WG1-IN 2>/dev/null || iptables -w -t filter -F WGS-WG1-IN
  iptables -w -t filter -A WGS-WG1-IN -p udp --dport 443 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-IN -i wg1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A WGS-WG1-IN -i wg1 -p icmp -j ACCEPT
  iptables -w -t filter -A WGS-WG1-IN -i wg1 -p tcp --dport 22 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-IN -i wg1 -p tcp --dport 443 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-IN -i wg1 -j DROP
  iptables -w -t filter -C INPUT -j WGS-WG1-IN 2>/dev/null || iptables -w -t filter -I INPUT 1 -j WGS-WG1-IN
  iptables -w -t filter -N WGS-WG1-FWD 2>/dev/null || iptables -w -t filter -F WGS-WG1-FWD
  iptables -w -t filter -A WGS-WG1-FWD -i ens3 -o wg1 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-FWD -i wg1 -o ens3 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
  iptables -w -t filter -A WGS-WG1-FWD -i wg1 -o ens3 -p icmp -j ACCEPT
  iptables -w -t filter -A WGS-WG1-FWD -i wg1 -o ens3 -p tcp --dport 22 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-FWD -i wg1 -o ens3 -p tcp --dport 443 -j ACCEPT
  iptables -w -t filter -A WGS-WG1-FWD -i wg1 -j DROP
  iptables -w -t filter -C FORWARD -j WGS-WG1-FWD 2>/dev/null || iptables -w -t filter -I FORWARD 1 -j WGS-WG1-FWD
  iptables -w -t mangle -N WGS-WG1-MSS 2>/dev/null || iptables -w -t mangle -F WGS-WG1-MSS
  iptables -w -t mangle -A WGS-WG1-MSS -o wg1 -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
  iptables -w -t mangle -C FORWARD -j WGS-WG1-MSS 2>/dev/null || iptables -w -t mangle -I FORWARD 1 -j WGS-WG1-MSS
  iptables -w -t nat -N WGS-WG1-NAT 2>/dev/null || iptables -w -t nat -F WGS-WG1-NAT
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 10.200.0.2/32 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 192.168.10.0/24 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 10.200.0.3/32 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 192.168.20.0/24 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 10.200.0.4/32 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 192.168.30.0/24 -j MASQUERADE
  iptables -w -t nat -A WGS-WG1-NAT -o ens3 -s 192.168.31.0/24 -j MASQUERADE
  iptables -w -t nat -C POSTROUTING -j WGS-WG1-NAT 2>/dev/null || iptables -w -t nat -I POSTROUTING 1 -j WGS-WG1-NAT
  ;;
down)
  while iptables -w -t filter -D INPUT -j WGS-WG1-IN 2>/dev/null; do :; done
  iptables -w -t filter -F WGS-WG1-IN 2>/dev/null || true
  iptables -w -t filter -X WGS-WG1-IN 2>/dev/null || true
  while iptables -w -t filter -D FORWARD -j WGS-WG1-FWD 2>/dev/null; do :; done
  iptables -w -t filter -F WGS-WG1-FWD 2>/dev/null || true
  iptables -w -t filter -X WGS-WG1-FWD 2>/dev/null || true
  while iptables -w -t mangle -D FORWARD -j WGS-WG1-MSS 2>/dev/null; do :; done
  iptables -w -t mangle -F WGS-WG1-MSS 2>/dev/null || true
  iptables -w -t mangle -X WGS-WG1-MSS 2>/dev/null || true
  while iptables -w -t nat -D POSTROUTING -j WGS-WG1-NAT 2>/dev/null; do :; done
  iptables -w -t nat -F WGS-WG1-NAT 2>/dev/null || true
  iptables -w -t nat -X WGS-WG1-NAT 2>/dev/null || true
  ;;
*)
  echo "usage: $0 up|down" >&2; exit 2
  ;;
esac
