/** The tunnel MTU and why it was chosen. */
export interface MtuChoice {
  mtu: number;
  reason: string;
}

/** WireGuard's overhead over an IPv6 underlay (IPv4 is 60): planning with 80 is safe for both. */
const OVERHEAD = 80;

/** Choose the tunnel MTU: the site file's value, else the uplink's MTU less 80, else 1420. */
export function chooseMtu(
  configured: number | undefined,
  uplinkMtu: number | undefined,
  uplink?: string,
): MtuChoice {
  if (configured !== undefined)
    return { mtu: configured, reason: `set in the site file (tunnel.mtu = ${configured})` };
  if (uplinkMtu !== undefined) {
    const mtu = Math.max(1280, uplinkMtu - OVERHEAD);
    const via = uplink ? ` of ${uplink}` : '';
    const pppoe = uplinkMtu === 1492 ? ' (PPPoE)' : '';
    return {
      mtu,
      reason: `uplink MTU${via} is ${uplinkMtu}${pppoe}; WireGuard adds up to ${OVERHEAD} bytes (60 over IPv4, 80 over IPv6), so ${uplinkMtu} − ${OVERHEAD} = ${mtu}`,
    };
  }
  return { mtu: 1420, reason: 'uplink MTU unknown; 1420 fits a 1500-byte path over IPv4 or IPv6' };
}
