/**
 * The "split route" trick for a far subnet that clashes with a subnet connected to this machine
 * (typically a laptop on a LAN numbered like the far site). Routing picks the longest matching
 * prefix, so:
 * - two halves of the clashing range (one bit longer each) beat the connected route: far wins;
 * - a covering prefix one bit shorter than the connected route loses to it: the local LAN wins.
 */
import { bitsOf, cidrContains, cidrFrom, cidrsOverlap } from './cidr.js';
import type { Cidr } from './cidr.js';

/** A suggested way around a clash between a far subnet and a connected one. */
export interface SplitRouteSuggestion {
  /** The connected subnet that clashes with the far one. */
  conflict: Cidr;
  /** Two prefixes, one bit longer than the overlapping range, that together cover it and beat the connected route. */
  halves: [Cidr, Cidr];
  /**
   * A prefix one bit shorter than the connected one that contains the far subnet; as a tunnel route it
   * loses to the connected subnet. Undefined when the far subnet is already shorter than the connected one.
   */
  cover: Cidr | undefined;
  /** Plain words for an admin. */
  explanation: string;
}

/** The first connected subnet that overlaps `far` (same IP version), if any. */
export function connectedConflict(far: Cidr, localConnected: Cidr[]): Cidr | undefined {
  return localConnected.find((c) => c.version === far.version && cidrsOverlap(c, far));
}

/** The two halves of a prefix (it must be shorter than a single host). */
export function halvesOf(cidr: Cidr): [Cidr, Cidr] {
  const prefix = cidr.prefix + 1;
  const half = 1n << BigInt(bitsOf(cidr.version) - prefix);
  return [cidrFrom(cidr.version, cidr.network, prefix), cidrFrom(cidr.version, cidr.network + half, prefix)];
}

/** The prefix one bit shorter that contains `cidr`, or undefined for a /0. */
export function supernetOf(cidr: Cidr): Cidr | undefined {
  return cidr.prefix === 0 ? undefined : cidrFrom(cidr.version, cidr.network, cidr.prefix - 1);
}

/**
 * Suggest how to route `far` through the tunnel when it clashes with a connected subnet.
 * Returns undefined when nothing clashes, or when the overlap is a single address (nothing to split;
 * use {@link connectedConflict} to detect that case).
 */
export function suggestSplitRoute(far: Cidr, localConnected: Cidr[]): SplitRouteSuggestion | undefined {
  const conflict = connectedConflict(far, localConnected);
  if (!conflict) return undefined;
  const overlap = far.prefix >= conflict.prefix ? far : conflict;
  if (overlap.prefix === bitsOf(far.version)) return undefined;
  const halves = halvesOf(overlap);
  const super1 = supernetOf(conflict);
  const cover = super1 && cidrContains(super1, far) ? super1 : undefined;
  const [a, b] = halves;
  let explanation: string;
  if (far.prefix === conflict.prefix) {
    explanation =
      `The far subnet ${far.text} is the same as ${conflict.text}, which is connected here, so the two routes clash. ` +
      `Either route ${a.text} and ${b.text} through the tunnel instead: being more specific they win, and the far ` +
      `site is reached while hosts on the local ${conflict.text} are not.` +
      (cover
        ? ` Or route the covering ${cover.text}: being less specific it loses to the connected ${conflict.text}, so ` +
          `the local LAN keeps working and only the rest of ${cover.text} goes through the tunnel.`
        : '');
  } else if (far.prefix < conflict.prefix) {
    explanation =
      `The far subnet ${far.text} contains ${conflict.text}, which is connected here. The connected route is more ` +
      `specific and wins, so far hosts in ${conflict.text} cannot be reached through the tunnel. To reach them, ` +
      `also route ${a.text} and ${b.text} through the tunnel (more specific still); hosts on the local ` +
      `${conflict.text} then become unreachable from here.`;
  } else {
    explanation =
      `The far subnet ${far.text} lies inside ${conflict.text}, which is connected here. The tunnel route is more ` +
      `specific and wins, so local hosts in ${far.text} become unreachable from here.` +
      (cover
        ? ` To keep the local LAN first, route the covering ${cover.text} instead: it loses to the connected ` +
          `${conflict.text}, so ${far.text} is not reached through the tunnel.`
        : '') +
      ` Renumbering one of the two LANs is the lasting fix.`;
  }
  return { conflict, halves, cover, explanation };
}
