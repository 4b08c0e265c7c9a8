// A cache of bounded size for Ink's text measuring and wrapping: two generations of at most
// LIMIT entries each. A hit in the old generation moves to the new one; when the new one is
// full it becomes the old one and the oldest is dropped whole. Strings drawn every frame stay
// cached; strings drawn once (a rate, an age, a clock) fall out instead of piling up for ever.
const LIMIT = 1000;

/** @template V @returns {{get(key: string): V | undefined, set(key: string, value: V): void}} */
export function generations(limit = LIMIT) {
  let young = new Map();
  let old = new Map();
  return {
    get(key) {
      const hit = young.get(key);
      if (hit !== undefined) return hit;
      const aged = old.get(key);
      if (aged !== undefined) this.set(key, aged);
      return aged;
    },
    set(key, value) {
      if (young.size >= limit) {
        old = young;
        young = new Map();
      }
      young.set(key, value);
    },
  };
}
