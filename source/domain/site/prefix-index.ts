import { bitsOf, prefixMask, type Cidr } from '../cidr.js';

/** Something that holds a prefix, found by {@link PrefixIndex.firstOverlapping}. */
export interface Holder {
  cidr: Cidr;
}

/** A map key for a prefix: a plain number for IPv4 (fast), text for IPv6. */
function key(version: number, network: bigint, prefix: number): number | string {
  return version === 4 ? Number(network) * 64 + prefix : `${network.toString(16)}/${prefix}`;
}

/**
 * Prefixes added one by one, answering "which earlier entry overlaps this prefix" in time that grows
 * with the address length, not with the number of entries: two prefixes overlap exactly when one
 * contains the other, so an entry is filed under its own prefix and under every shorter prefix that
 * contains it, and a query looks up the prefix itself, each shorter prefix containing it, and the
 * entries filed below it. A site with hundreds of peers is checked in milliseconds, not minutes.
 */
export class PrefixIndex<T extends Holder> {
  /** Entries by their exact prefix, in the order added. */
  private readonly exact = new Map<number | string, T[]>();
  /** Entries by each strictly shorter prefix that contains them, in the order added. */
  private readonly below = new Map<number | string, T[]>();
  private readonly order = new Map<T, number>();

  add(entry: T): void {
    const { version, network, prefix } = entry.cidr;
    this.order.set(entry, this.order.size);
    push(this.exact, key(version, network, prefix), entry);
    for (let p = 0; p < prefix; p++)
      push(this.below, key(version, network & prefixMask(version, p), p), entry);
  }

  /** The earliest entry whose prefix overlaps `cidr` and that `accept` takes, if any. */
  firstOverlapping(cidr: Cidr, accept: (entry: T) => boolean): T | undefined {
    const { version, network, prefix } = cidr;
    const lists = [this.below.get(key(version, network, prefix))];
    for (let p = 0; p <= Math.min(prefix, bitsOf(version)); p++)
      lists.push(this.exact.get(key(version, network & prefixMask(version, p), p)));
    let best: T | undefined;
    for (const list of lists) {
      const found = list?.find(accept);
      if (found && (best === undefined || this.order.get(found)! < this.order.get(best)!)) best = found;
    }
    return best;
  }
}

function push<T>(map: Map<number | string, T[]>, k: number | string, entry: T): void {
  const list = map.get(k);
  if (list) list.push(entry);
  else map.set(k, [entry]);
}
