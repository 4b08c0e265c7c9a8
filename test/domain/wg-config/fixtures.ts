/** Test helper: the fixture configs under test/fixtures/wg-config/, and valid keys for built cases. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/wg-config/', import.meta.url));

/** Names of all fixture files, sorted. */
export const fixtureNames: string[] = readdirSync(dir)
  .filter((name) => name.endsWith('.conf'))
  .sort();

/** The exact text of one fixture. */
export function fixture(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

/** Keys made with `wg genkey` / `wg pubkey` / `wg genpsk` (test data only). */
export const KEYS = {
  privateA: 'QL/bErHnifZQzvy8jF0/T1sjJs9ezyqI/Nw6mIy0OUc=',
  publicA: 'iDa8Go6og4ZnFQcg2nQcC9licroQSGuEfmK4dFoJvWY=',
  privateB: 'cNGKJ5l0x6YPP/LHotKHh+1pNwyhf+9ngWFKiZGtKGw=',
  publicB: '9eL3vA4PV746UmicL3RuQhIORlMxSvX0CLK2jmYSym0=',
  publicC: 'eJknaFRpeK8qp6knQEHrsC/dLbxRtpyPMGx/vnUwlVU=',
  preshared: 'i3fN56Y6pkKtDjgfcMWXYa6lfDqpaFbyEvC0ElCK4WI=',
} as const;
