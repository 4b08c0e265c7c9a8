/** Reading which UDP ports are bound, from `ss -Hlunp` or `/proc/net/udp{,6}`. Pure. */

/** One bound UDP socket. */
export interface UdpListener {
  port: number;
  /** Local address as printed (`0.0.0.0`, `[::]`, `*`, hex for /proc). */
  address: string;
  /** Owning program, when the tool knows it (`ss -p` as root). */
  program?: string;
  pid?: number;
}

/** Parse `ss -Hlunp` (no header): `UNCONN 0 0 0.0.0.0:51820 0.0.0.0:* users:(("prog",pid=1,fd=3))`. */
export function parseSsUdp(text: string): UdpListener[] {
  const out: UdpListener[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const local = fields[3];
    if (!local) continue;
    const colon = local.lastIndexOf(':');
    const port = Number(local.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(port)) continue;
    const users = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    out.push({
      port,
      address: local.slice(0, colon),
      ...(users ? { program: users[1]!, pid: Number(users[2]) } : {}),
    });
  }
  return out;
}

/** Parse `/proc/net/udp` or `/proc/net/udp6`: the local port is the hex after the colon. */
export function parseProcNetUdp(text: string): UdpListener[] {
  const out: UdpListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[1];
    const match = local ? /^([0-9A-Fa-f]+):([0-9A-Fa-f]{4})$/.exec(local) : null;
    if (match) out.push({ port: Number.parseInt(match[2]!, 16), address: match[1]! });
  }
  return out;
}
