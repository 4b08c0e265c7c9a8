/**
 * Settings of the existing wg-quick file that work against the plan are reported by plan (warnings,
 * and `conflicts` for --json and preflight) before anything is applied.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planSite } from '../../../source/domain/plan/plan.js';
import { checkSiteText } from '../../../source/domain/site/validate.js';
import { KEYS } from '../wg-config/fixtures.js';

const site = checkSiteText(
  JSON.stringify({
    interface: 'wg0',
    name: 'here',
    lan: { interface: 'eth1', address: '192.168.77.1/24', subnets: ['192.168.77.0/24'] },
    tunnel: { address: '10.77.0.1/24' },
    routing: 'masquerade',
    peers: [{ name: 'b', publicKey: KEYS.publicB, tunnelAddress: '10.77.0.2', subnets: ['10.1.0.0/24'] }],
  }),
).site!;
const facts = { firewallBackend: 'nft' as const, uplinkMtu: 1500 };

function conflictsOf(interfaceLines: string[], peerLines: string[] = []) {
  const previous = [
    '[Interface]',
    'ListenPort = 51820',
    ...interfaceLines,
    '',
    '[Peer]',
    `PublicKey = ${KEYS.publicB}`,
    ...peerLines,
    'AllowedIPs = 10.77.0.2/32',
    '',
  ].join('\n');
  return planSite(site, facts, previous);
}

describe('plan reports settings of the existing file that defeat it', () => {
  const cases: {
    name: string;
    lines: string[];
    peer?: string[];
    field: string;
    refuse: boolean;
    message: RegExp;
  }[] = [
    {
      name: 'Table = off',
      lines: ['Table = off'],
      field: 'Interface.Table',
      refuse: true,
      message: /adds no routes.*Delete the Table line \(line 3\)/,
    },
    {
      name: 'Table = 1234',
      lines: ['Table = 1234'],
      field: 'Interface.Table',
      refuse: true,
      message: /routing table 1234, not the main table/,
    },
    {
      name: 'a table name',
      lines: ['Table = vpn'],
      field: 'Interface.Table',
      refuse: true,
      message: /routing table vpn/,
    },
    {
      name: 'SaveConfig = true',
      lines: ['SaveConfig = true'],
      field: 'Interface.SaveConfig',
      refuse: false,
      message: /SaveConfig = true is removed/,
    },
    {
      name: 'a foreign FwMark',
      lines: ['FwMark = 0x1234'],
      field: 'Interface.FwMark',
      refuse: false,
      message: /FwMark = 0x1234 is kept/,
    },
    {
      name: 'an inline PrivateKey',
      lines: [`PrivateKey = ${KEYS.privateA}`],
      field: 'Interface.PrivateKey',
      refuse: false,
      message: /uses the key in \/etc\/wireguard\/wg0\.key/,
    },
    {
      name: 'an inline PresharedKey',
      lines: [],
      peer: [`PresharedKey = ${KEYS.preshared}`],
      field: 'Peer[0].PresharedKey',
      refuse: false,
      message: /presharedKeyFile/,
    },
    {
      name: 'an unknown key',
      lines: ['Jc = 4'],
      field: 'Jc',
      refuse: true,
      message: /not a wg-quick setting/,
    },
  ];
  for (const c of cases) {
    test(`${c.name} is reported${c.refuse ? ' as one apply refuses' : ' as a warning'}`, () => {
      const plan = conflictsOf(c.lines, c.peer);
      const found = plan.conflicts.find((x) => x.field === c.field);
      assert.ok(found, `no conflict for ${c.field}: ${JSON.stringify(plan.conflicts)}`);
      assert.equal(found.refuse, c.refuse);
      assert.match(found.message, c.message);
      assert.ok(
        plan.warnings.some((w) => w.includes(found.message)),
        'also in the warnings',
      );
      assert.ok(
        !plan.warnings.some((w) => w.includes(KEYS.privateA) || w.includes(KEYS.preshared)),
        'no secret',
      );
    });
  }

  for (const ok of [
    'Table = auto',
    'Table = main',
    'DNS = 10.0.0.53',
    'FwMark = off',
    'SaveConfig = false',
  ]) {
    test(`${ok} is no conflict`, () => {
      assert.deepEqual(conflictsOf([ok]).conflicts, []);
    });
  }

  test('a warning is given once, not again by the parser', () => {
    const plan = conflictsOf(['SaveConfig = true']);
    assert.equal(plan.warnings.filter((w) => w.includes('SaveConfig')).length, 1);
  });
});
