/**
 * Proof against the real tools: every fixture, every fresh file and every edited file is accepted
 * by `wg-quick strip`, and what strip hands to `wg` is what our model says `wg` will see; `wg`
 * itself then parses it (on an interface that does not exist, so nothing is changed).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyConfig,
  parseWgConfig,
  readConfig,
  renderFresh,
  renderWgConfig,
  type WgSettings,
} from '../../../source/domain/wg-config/index.js';
import { BAD_CASES, SITE } from './cases.js';
import { fixture, fixtureNames } from './fixtures.js';
import { realToolsAvailable, wgParseError, wgQuickStrip } from './real-tools.js';

const skip = realToolsAvailable ? false : 'wg-quick and wg are not installed';

/** What `wg` sees: the settings without the keys wg-quick consumes. Peer names are comments and stay. */
function wgPart(settings: WgSettings): WgSettings {
  return {
    interface: {
      ...settings.interface,
      addresses: [],
      dns: [],
      preUp: [],
      postUp: [],
      preDown: [],
      postDown: [],
      saveConfig: false,
      mtu: undefined,
      table: undefined,
    },
    peers: settings.peers,
  };
}

function strip(text: string): string {
  const result = wgQuickStrip(text);
  assert.equal(result.status, 0, `wg-quick strip failed: ${result.stderr}`);
  return result.stdout;
}

/** Assert that strip accepts the text, keeps exactly the wg part, and that `wg` parses the result. */
function assertAcceptedByTools(text: string, label: string): void {
  const stripped = strip(text);
  const ours = readConfig(parseWgConfig(text).document);
  const theirs = readConfig(parseWgConfig(stripped).document);
  const expected = wgPart(ours);
  delete expected.interface.mtu;
  delete expected.interface.table;
  assert.deepEqual(theirs, expected, label);
  assert.equal(wgParseError(stripped), undefined, label);
}

describe('real wg-quick and wg accept what we accept', { skip }, () => {
  for (const name of fixtureNames.filter((n) => n !== 'adv-unknown-key.conf')) {
    test(`accepts fixture ${name} and strips it to the keys wg reads`, () => {
      assertAcceptedByTools(fixture(name), name);
    });
  }

  test('accepts a freshly rendered file', () => {
    assertAcceptedByTools(renderFresh(SITE), 'fresh');
    const stripped = strip(renderFresh(SITE));
    assert.match(stripped, /^\[Interface\]\nListenPort = 51820\nPrivateKey = /);
    assert.doesNotMatch(stripped, /Address|MTU|PostUp|PostDown/);
  });

  test('accepts every fixture after editing it to the site settings', () => {
    for (const name of fixtureNames.filter((n) => n !== 'adv-unknown-key.conf')) {
      const edited = renderWgConfig(applyConfig(parseWgConfig(fixture(name)).document, SITE));
      assertAcceptedByTools(edited, name);
    }
  });

  test('wg refuses the unknown key we warn about', () => {
    const { warnings } = parseWgConfig(fixture('adv-unknown-key.conf'));
    assert.equal(warnings.length, 2);
    assert.match(wgParseError(strip(fixture('adv-unknown-key.conf'))) ?? '', /Line unrecognized: `Jc=4'/);
  });
});

/** Bad cases that we refuse although the real tools accept them: deliberate, documented strictness. */
const STRICTER_THAN_WG = new Set([
  'ListenPort above 65535', // glibc wraps the number silently
  'IPv6 endpoint without brackets', // wg splits at the last ":"; ambiguous for people
  'endpoint port above 65535', // wraps silently too
  'MTU below the IPv4 minimum', // wg-quick hands MTU to `ip`, which fails only at "up"
  'MTU with a fraction',
  'Address with an octet above 255', // fails only at "up", half-way through
  'DNS search domain with a bad character',
  'Table with a space',
  'all-zero public key', // no handshake can ever complete with it
  'a second [Interface]', // wg merges the sections
  'two peers with one PublicKey', // wg merges the peers; the later AllowedIPs win
  'no [Interface] at all',
]);

/** Whether the real tools refuse a file: wg-quick strip fails or `wg` cannot parse what it prints. */
function toolsRefuse(text: string): boolean {
  const result = wgQuickStrip(text);
  return result.status !== 0 || wgParseError(result.stdout) !== undefined;
}

describe('real wg refuses the bad inputs we refuse', { skip }, () => {
  for (const [title, text] of BAD_CASES.filter(([t]) => !STRICTER_THAN_WG.has(t))) {
    test(`wg-quick or wg refuses ${title}`, () => {
      assert.ok(toolsRefuse(text), `the real tools accepted: ${JSON.stringify(text)}`);
    });
  }

  test('the cases listed as stricter than wg really are accepted by the real tools', () => {
    const listed = BAD_CASES.filter(([t]) => STRICTER_THAN_WG.has(t));
    assert.equal(listed.length, STRICTER_THAN_WG.size);
    for (const [title, text] of listed) assert.ok(!toolsRefuse(text), title);
  });
});
