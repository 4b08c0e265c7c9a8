import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DuplicateError,
  EndpointError,
  InputError,
  KeyError,
  ValueRangeError,
} from '../../../source/domain/errors.js';
import {
  applyConfig,
  parseWgConfig,
  readConfig,
  renderFresh,
  renderWgConfig,
  type WgSettings,
} from '../../../source/domain/wg-config/index.js';
import { SITE } from './cases.js';
import { KEYS, fixture, fixtureNames } from './fixtures.js';

/** Parse a fixture, let `change` edit its settings, and return the old and new text. */
function edit(name: string, change: (s: WgSettings) => void): { before: string; after: string } {
  const before = fixture(name);
  const { document } = parseWgConfig(before);
  const settings = readConfig(document);
  change(settings);
  return { before, after: renderWgConfig(applyConfig(document, settings)) };
}

/** Lines of `after` that are not in `before` and vice versa. */
function diff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { added: b.filter((l) => !a.includes(l)), removed: a.filter((l) => !b.includes(l)) };
}

describe('applyConfig with unchanged settings', () => {
  for (const name of fixtureNames) {
    test(`leaves ${name} byte for byte as it was`, () => {
      const { before, after } = edit(name, () => {});
      assert.equal(after, before);
    });
  }

  test('does not modify the document it is given', () => {
    const { document } = parseWgConfig(fixture('seed-004-bastion.conf'));
    const snapshot = structuredClone(document);
    const settings = readConfig(document);
    settings.peers.pop();
    settings.interface.listenPort = 1;
    applyConfig(document, settings);
    assert.deepEqual(document, snapshot);
  });

  test('treats the same AllowedIPs in another order and spelling as unchanged', () => {
    const { before, after } = edit('adv-repeated.conf', (s) => {
      s.peers[0]!.allowedIps = ['192.168.2.0/24', '10.9.0.0/32'];
      s.interface.dns = ['SITE-B.lan', '192.168.2.1'];
    });
    assert.equal(after, before);
  });
});

describe('applyConfig edits', () => {
  test('rewrites only the changed value, keeping spacing and the trailing comment', () => {
    const { before, after } = edit('adv-trailing-comments.conf', (s) => {
      s.interface.listenPort = 51821;
    });
    assert.equal(after, before.replace('ListenPort = 51820 #', 'ListenPort = 51821 #'));
  });

  test('keeps the odd key spelling and the missing spaces of the original line', () => {
    const { before, after } = edit('adv-odd-case.conf', (s) => {
      s.peers[0]!.endpoint = '203.0.113.9:51820';
    });
    assert.equal(after, before.replace('ENDPOINT=SiteB.Example.com:51820', 'ENDPOINT=203.0.113.9:51820'));
  });

  test('removes a peer with its name comment, leaving one blank line between its neighbours', () => {
    const { before, after } = edit('seed-004-bastion.conf', (s) => {
      s.peers = s.peers.filter((p) => p.name !== 'HQ gateway');
    });
    const start = before.indexOf('[Peer]\n# HQ gateway');
    const end = before.indexOf('\n\n[Peer]', start);
    assert.equal(after, before.slice(0, start) + before.slice(end + 2));
  });

  test('removing the last peer leaves no trailing blank line behind', () => {
    const { before, after } = edit('seed-004-hq.conf', (s) => {
      s.peers = [];
    });
    assert.equal(after, before.slice(0, before.indexOf('\n[Peer]')));
  });

  test('appends a new peer in canonical form, using the file’s CRLF line endings', () => {
    const { before, after } = edit('adv-crlf.conf', (s) => {
      s.peers.push({
        name: 'site C',
        publicKey: KEYS.publicC,
        allowedIps: ['10.9.0.2/32', '192.168.3.0/24'],
      });
    });
    const added = `\r\n[Peer]\r\n# site C # wg-site\r\nPublicKey = ${KEYS.publicC}\r\nAllowedIPs = 10.9.0.2/32, 192.168.3.0/24\r\n`;
    assert.equal(after, before + added);
  });

  test('keeps a missing final newline when appending a peer', () => {
    const { before, after } = edit('adv-no-final-newline.conf', (s) => {
      s.peers.push({ publicKey: KEYS.publicC, allowedIps: ['10.9.0.2/32'] });
    });
    assert.equal(after, `${before}\n\n[Peer]\nPublicKey = ${KEYS.publicC}\nAllowedIPs = 10.9.0.2/32`);
  });

  test('inserts, drops and keeps hook lines in order without moving the others', () => {
    const { before, after } = edit('seed-004-vps-server.conf', (s) => {
      s.interface.postUp.splice(1, 0, 'nft add table inet extra');
      s.interface.postDown = s.interface.postDown.filter((c) => !c.startsWith('ip6tables'));
    });
    const lines = after.split('\n');
    const at = lines.indexOf('PostUp = nft add table inet extra');
    assert.equal(lines[at - 1], 'PostUp = iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE');
    assert.equal(lines[at + 1], 'PostUp = iptables -A FORWARD -i wg0 -j ACCEPT');
    assert.deepEqual(diff(before, after), {
      added: ['PostUp = nft add table inet extra'],
      removed: ['PostDown = ip6tables -t nat -D POSTROUTING -o eth0 -j MASQUERADE'],
    });
    assert.deepEqual(readConfig(parseWgConfig(after).document).interface.postUp, [
      'iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE',
      'nft add table inet extra',
      'iptables -A FORWARD -i wg0 -j ACCEPT',
      'iptables -A FORWARD -o wg0 -j ACCEPT',
      'ip6tables -t nat -A POSTROUTING -o eth0 -j MASQUERADE',
    ]);
  });

  test('puts a changed list on its first line and drops the other lines of that key', () => {
    const { before, after } = edit('adv-repeated.conf', (s) => {
      s.peers[0]!.allowedIps = ['10.9.0.0/32', '192.168.2.0/24', '192.168.3.0/24'];
    });
    assert.deepEqual(diff(before, after), {
      added: ['AllowedIPs = 10.9.0.0/32, 192.168.2.0/24, 192.168.3.0/24'],
      removed: ['AllowedIPs = 10.9.0.0/32', 'AllowedIPs = 192.168.2.0/24'],
    });
  });

  test('adds a new key at its canonical place and removes a dropped one', () => {
    const { before, after } = edit('seed-000-site-a.conf', (s) => {
      s.interface.mtu = 1412;
      delete s.peers[0]!.presharedKey;
    });
    assert.equal(
      after,
      before
        .replace('ListenPort = 51820\n', 'ListenPort = 51820\nMTU = 1412\n')
        .replace(/PresharedKey = .*\n/, ''),
    );
  });

  test('switching SaveConfig off removes the line; unknown keys and comments stay', () => {
    const saved = edit('adv-saveconfig.conf', (s) => {
      s.interface.saveConfig = false;
    });
    assert.equal(saved.after, saved.before.replace('SaveConfig = true\n', ''));
    const unknown = edit('adv-unknown-key.conf', (s) => {
      s.interface.listenPort = 4000;
      s.peers[0]!.allowedIps.push('192.168.9.0/24');
    });
    assert.match(unknown.after, /^Jc = 4$/m);
    assert.match(unknown.after, /^Foo = bar$/m);
  });

  test('names a peer with a marked comment of its own and never rewrites the admin’s comments', () => {
    const renamed = edit('seed-004-hq.conf', (s) => {
      s.peers[0]!.name = 'Branch office';
    });
    assert.equal(
      renamed.after,
      renamed.before.replace('[Peer]\n', '[Peer]\n# Branch office # wg-site\n'),
      'the admin’s “# Remote office gateway” stays',
    );
    const again = parseWgConfig(renamed.after).document;
    const settings = readConfig(again);
    assert.equal(settings.peers[0]!.name, 'Branch office');
    settings.peers[0]!.name = 'Head office';
    const twice = renderWgConfig(applyConfig(again, settings));
    assert.equal(twice, renamed.after.replace('# Branch office # wg-site', '# Head office # wg-site'));
    const named = edit('seed-000-site-a.conf', (s) => {
      s.peers[0]!.name = 'site B';
    });
    assert.equal(named.after, named.before.replace('[Peer]\n', '[Peer]\n# site B # wg-site\n'));
  });

  test('keeps a comment above a [Peer] header when the peer gets another name', () => {
    const before = `[Interface]\nListenPort = 51820\n\n# the branch office, since 2019\n[Peer]\nPublicKey = ${KEYS.publicB}\nAllowedIPs = 10.9.0.0/32\n`;
    const { document } = parseWgConfig(before);
    const settings = readConfig(document);
    settings.peers[0]!.name = 'branch';
    const after = renderWgConfig(applyConfig(document, settings));
    assert.equal(after, before.replace('[Peer]\n', '[Peer]\n# branch # wg-site\n'));
  });

  test('every edited file parses again and reads back as the desired settings', () => {
    for (const name of fixtureNames.filter((n) => n !== 'adv-unknown-key.conf')) {
      const { document } = parseWgConfig(fixture(name));
      const edited = applyConfig(document, SITE);
      const reread = readConfig(parseWgConfig(renderWgConfig(edited)).document);
      assert.deepEqual(reread.peers, SITE.peers, name);
      assert.deepEqual(reread.interface, SITE.interface, name);
    }
  });
});

describe('renderFresh', () => {
  test('renders a clean canonical file', () => {
    assert.equal(
      renderFresh(SITE),
      [
        '[Interface]',
        'Address = 10.9.0.1/31',
        'ListenPort = 51820',
        'MTU = 1420',
        `PrivateKey = ${KEYS.privateA}`,
        'PostUp = nft -f /etc/wg-site/wg0.nft',
        'PostDown = nft delete table inet wg_site',
        '',
        '[Peer]',
        '# site B # wg-site',
        `PublicKey = ${KEYS.publicB}`,
        `PresharedKey = ${KEYS.preshared}`,
        'Endpoint = b.example.net:51820',
        'AllowedIPs = 10.9.0.0/32, 192.168.2.0/24',
        'PersistentKeepalive = 25',
        '',
        '[Peer]',
        `PublicKey = ${KEYS.publicC}`,
        'AllowedIPs = 10.9.0.2/32',
        '',
      ].join('\n'),
    );
  });

  test('round-trips through the parser with no warnings', () => {
    const { document, warnings } = parseWgConfig(renderFresh(SITE));
    assert.deepEqual(warnings, []);
    assert.deepEqual(readConfig(document), SITE);
  });
});

describe('applyConfig refuses bad desired settings', () => {
  const cases: [string, (s: WgSettings) => void, new (...a: never[]) => InputError, string][] = [
    ['a bad endpoint', (s) => (s.peers[0]!.endpoint = 'fe80::1:51820'), EndpointError, 'Peer[0].Endpoint'],
    ['a port out of range', (s) => (s.interface.listenPort = 65536), ValueRangeError, 'Interface.ListenPort'],
    [
      'a broken private key',
      (s) => (s.interface.privateKey = KEYS.privateA.slice(1)),
      KeyError,
      'Interface.PrivateKey',
    ],
    [
      'two peers with one key',
      (s) => (s.peers[1]!.publicKey = KEYS.publicB),
      DuplicateError,
      'Peer[1].PublicKey',
    ],
    [
      "the interface's own public key",
      (s) => (s.peers[1]!.publicKey = KEYS.publicA),
      KeyError,
      'Peer[1].PublicKey',
    ],
    [
      'a hook with a line break',
      (s) => s.interface.postUp.push('echo a\nPrivateKey = x'),
      InputError,
      'Interface.PostUp',
    ],
    ['a name with a line break', (s) => (s.peers[0]!.name = 'x\n[Peer]'), InputError, 'Peer[0].name'],
    [
      'a keepalive out of range',
      (s) => (s.peers[0]!.persistentKeepalive = 70000),
      ValueRangeError,
      'Peer[0].PersistentKeepalive',
    ],
  ];
  for (const [title, change, kind, field] of cases) {
    test(`refuses ${title} with field ${field}`, () => {
      const desired = structuredClone(SITE);
      change(desired);
      assert.throws(
        () => renderFresh(desired),
        (err: unknown) => {
          assert.ok(err instanceof kind, String(err));
          assert.equal((err as InputError).field, field);
          assert.ok(!(err as Error).message.includes(KEYS.privateA.slice(1, 30)));
          return true;
        },
      );
    });
  }
});
