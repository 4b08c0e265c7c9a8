import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIpAddr, parseIpRoutes } from '../../../source/domain/checks/ip-json.js';
import {
  iptablesChains,
  legacyRuleCount,
  parseIptablesSave,
} from '../../../source/domain/checks/iptables-save.js';
import { outlineNftScript, parseNftJson } from '../../../source/domain/checks/nft-json.js';
import { parseEvidence, silentFor, updateEvidence } from '../../../source/domain/checks/evidence.js';
import { peer } from './facts.js';

// Real output of nft 1.0.6 (captured in a scratch namespace).
const NFT = `{"nftables": [{"metainfo": {"version": "1.0.6", "json_schema_version": 1}}, {"table": {"family": "inet", "name": "evil", "handle": 1}}, {"chain": {"family": "inet", "table": "evil", "name": "fw", "handle": 1, "type": "filter", "hook": "forward", "prio": 0, "policy": "drop"}}, {"chain": {"family": "inet", "table": "evil", "name": "post", "handle": 2, "type": "nat", "hook": "postrouting", "prio": 100, "policy": "accept"}}, {"rule": {"family": "inet", "table": "evil", "chain": "fw", "handle": 3, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "iifname"}}, "right": "wg0"}}, {"accept": null}]}}, {"rule": {"family": "inet", "table": "evil", "chain": "post", "handle": 5, "expr": [{"match": {"op": "==", "left": {"meta": {"key": "oifname"}}, "right": "eth0"}}, {"masquerade": null}]}}, {"rule": {"family": "inet", "table": "evil", "chain": "fw", "handle": 6, "expr": [{"drop": null}]}}]}`;

describe('nft -j parsing', () => {
  test('tables, base chains, policies and rule summaries are read', () => {
    const r = parseNftJson(NFT);
    assert.deepEqual(r.tables, [{ family: 'inet', name: 'evil' }]);
    const fw = r.chains.find((c) => c.name === 'fw')!;
    assert.equal(fw.hook, 'forward');
    assert.equal(fw.policy, 'drop');
    assert.deepEqual(fw.rules, [
      { verdicts: ['accept'], masquerade: false, interfaces: ['wg0'], unconditional: false },
      { verdicts: ['drop'], masquerade: false, interfaces: [], unconditional: true },
    ]);
    assert.equal(r.chains.find((c) => c.name === 'post')!.rules[0]!.masquerade, true);
  });

  test('text that is not nft JSON is refused', () => {
    assert.throws(() => parseNftJson('{"x": 1}'), /nftables/);
  });

  test('an nft script is outlined per chain of the named table', () => {
    const script =
      'table inet t\ndelete table inet t\ntable inet t {\n  chain a {\n    type filter hook forward priority filter; policy accept;\n    iifname "x" accept # c\n    drop\n  }\n  chain b {\n    type nat hook postrouting priority srcnat; policy accept;\n  }\n}\n';
    assert.deepEqual(outlineNftScript(script, 'inet', 't'), [
      { name: 'a', hook: 'forward', policy: 'accept', ruleCount: 2 },
      { name: 'b', hook: 'postrouting', policy: 'accept', ruleCount: 0 },
    ]);
  });
});

describe('ip -j parsing', () => {
  test('links keep their UP flag, MTU and addresses', () => {
    const text =
      '[{"ifname":"v0","flags":["BROADCAST","UP","LOWER_UP"],"mtu":1500,"addr_info":[{"family":"inet","local":"10.0.0.1","prefixlen":24}]},{"ifname":"wg0","flags":["POINTOPOINT","NOARP"],"mtu":1420}]';
    assert.deepEqual(parseIpAddr(text), [
      { name: 'v0', up: true, mtu: 1500, addresses: ['10.0.0.1/24'] },
      { name: 'wg0', up: false, mtu: 1420, addresses: [] },
    ]);
  });

  const routeCases: [string, string, { dst: string; table: string; type: string; metric: number }][] = [
    [
      'a main route',
      '{"dst":"10.5.0.0/16","dev":"v0","metric":5}',
      { dst: '10.5.0.0/16', table: 'main', type: 'unicast', metric: 5 },
    ],
    [
      'a host route gets /32',
      '{"type":"local","dst":"10.0.0.1","dev":"v0","table":"local"}',
      { dst: '10.0.0.1/32', table: 'local', type: 'local', metric: 0 },
    ],
    [
      'an IPv6 route',
      '{"dst":"fd00::/64","dev":"v0","metric":256}',
      { dst: 'fd00::/64', table: 'main', type: 'unicast', metric: 256 },
    ],
    [
      'the default route',
      '{"dst":"default","dev":"v0"}',
      { dst: 'default', table: 'main', type: 'unicast', metric: 0 },
    ],
  ];
  for (const [name, json, want] of routeCases) {
    test(`routes: ${name} is read`, () => {
      const [r] = parseIpRoutes(`[${json}]`);
      assert.deepEqual({ dst: r!.dst, table: r!.table, type: r!.type, metric: r!.metric }, want);
    });
  }
});

describe('iptables-save parsing', () => {
  test('policies and rules are read per table', () => {
    const save = parseIptablesSave(
      '# Generated\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\n-A FORWARD -j DOCKER-USER\nCOMMIT\n*nat\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n',
    );
    assert.deepEqual(save.tables[0], {
      name: 'filter',
      policies: { INPUT: 'ACCEPT', FORWARD: 'DROP', 'DOCKER-USER': '-' },
      rules: ['-A FORWARD -j DOCKER-USER'],
    });
    assert.equal(legacyRuleCount(save), 1);
  });
});

describe('iptables-save as chains', () => {
  const save = parseIptablesSave(
    '# Generated by iptables-nft-save v1.8.9 (nf_tables) on Sun Nov 22 02:57:22 2026\n*filter\n:FORWARD DROP [0:0]\n:DOCKER-USER - [0:0]\n' +
      '-A FORWARD -j DOCKER-USER\n' +
      '-A DOCKER-USER -i wg0 -o eth0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n' +
      '-A DOCKER-USER ! -i wg0 -m comment --comment "not the tunnel" -j DROP\n' +
      '-A DOCKER-USER -m comment --comment "last words" -j REJECT\n' +
      '-A DOCKER-USER -o eth0 -j LOG\n' +
      'COMMIT\n',
  );

  test('the backend is read from the header', () => {
    assert.equal(save.backend, 'nf_tables');
    assert.equal(parseIptablesSave('# Generated by iptables-save v1.8.9 (legacy) on x\n').backend, 'legacy');
    assert.equal(parseIptablesSave('*filter\nCOMMIT\n').backend, undefined);
  });

  test('built-in chains hook by name with their policy, and rules are summarised', () => {
    const chains = iptablesChains(save, 'filter')!;
    const forward = chains.find((c) => c.name === 'FORWARD')!;
    assert.deepEqual([forward.hook, forward.policy], ['forward', 'drop']);
    assert.deepEqual(forward.rules, [
      { verdicts: ['jump DOCKER-USER'], masquerade: false, interfaces: [], unconditional: true },
    ]);
    const user = chains.find((c) => c.name === 'DOCKER-USER')!;
    assert.deepEqual([user.hook, user.policy], [undefined, undefined]);
    assert.deepEqual(
      user.rules.map((r) => [r.verdicts, r.interfaces, r.unconditional]),
      [
        [['accept'], ['wg0', 'eth0'], false],
        [['drop'], [], false],
        [['reject'], [], true],
        [[], ['eth0'], false],
      ],
    );
    assert.equal(iptablesChains(save, 'nat'), undefined);
  });
});

describe('nft rule summaries', () => {
  const rule = (expr: object[]) =>
    parseNftJson(
      JSON.stringify({
        nftables: [
          { chain: { family: 'inet', table: 't', name: 'c' } },
          { rule: { family: 'inet', table: 't', chain: 'c', expr } },
        ],
      }),
    ).chains[0]!.rules[0]!;

  test('an iptables-nft xt match is a condition, and a negated interface is no match on it', () => {
    assert.equal(rule([{ xt: { type: 'match', name: 'conntrack' } }, { drop: null }]).unconditional, false);
    assert.deepEqual(
      rule([{ match: { op: '!=', left: { meta: { key: 'iifname' } }, right: 'wg0' } }, { accept: null }])
        .interfaces,
      [],
    );
  });
});

describe('counter evidence', () => {
  test('rx growth moves the reply time, tx growth alone does not', () => {
    let ev = updateEvidence({}, [peer({ rxBytes: 10, txBytes: 10 })], 1000);
    ev = updateEvidence(ev, [peer({ rxBytes: 10, txBytes: 50 })], 5000);
    assert.deepEqual(ev[peer().publicKey], { rxBytes: 10, txBytes: 50, rxSeenAt: 1000, txAtRxSeen: 10 });
    ev = updateEvidence(ev, [peer({ rxBytes: 20, txBytes: 60 })], 9000);
    assert.deepEqual(ev[peer().publicKey], { rxBytes: 20, txBytes: 60, rxSeenAt: 9000, txAtRxSeen: 60 });
  });

  test('counters going down start afresh', () => {
    const ev = updateEvidence(
      { [peer().publicKey]: { rxBytes: 500, txBytes: 500, rxSeenAt: 0, txAtRxSeen: 500 } },
      [peer({ rxBytes: 5, txBytes: 5 })],
      7000,
    );
    assert.equal(ev[peer().publicKey]!.rxSeenAt, 7000);
  });

  const silence: [string, number | undefined, number, number | undefined][] = [
    ['keepalive 25: 31 s is no reply', 25, 31_000, 31],
    ['keepalive 25: 30 s is not yet', 25, 30_000, undefined],
    ['keepalive 10: 16 s is no reply', 10, 16_000, 16],
    ['no keepalive: 25 s is assumed', undefined, 31_000, 31],
  ];
  for (const [name, keepalive, after, want] of silence) {
    test(`silence: ${name}`, () => {
      const ev = { rxBytes: 1, txBytes: 1, rxSeenAt: 0, txAtRxSeen: 1 };
      assert.equal(silentFor(ev, peer({ rxBytes: 1, txBytes: 2 }), after, keepalive), want);
    });
  }

  test('stored evidence that is malformed reads as empty', () => {
    assert.deepEqual(parseEvidence('not json'), {});
    assert.deepEqual(parseEvidence('{"k":{"rxBytes":"x"}}'), {});
    assert.deepEqual(parseEvidence(undefined), {});
  });
});
