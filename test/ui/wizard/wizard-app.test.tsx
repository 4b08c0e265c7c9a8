import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePairingCode } from '../../../source/domain/pairing/code.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import { transition } from '../../../source/domain/wizard/transition.js';
import { FIELD_STEP } from '../../../source/domain/wizard/fields.js';
import type { FieldId } from '../../../source/domain/wizard/types.js';
import {
  FACTS,
  FAR_PUBLIC,
  GATEWAY_PUBLIC,
  KEY,
  press,
  renderWizard,
  REPORT,
  shows,
  until,
} from './harness.js';
import { atStep, chooseRouting, fillFarSite, fromFarSiteToHandoff, toFarSite } from './walk.js';

const DETECT_80x24 = [
  'wg-site setup wg0 · 1/10 Host',
  'What this host looks like. Enter continues.',
  'Host: WireGuard kernel module · firewall nft · forwarding off',
  '  eth0 uplink up mtu 1500 203.0.113.5/24',
  '  eth1 LAN up mtu 1500 192.168.1.10/24',
  'Default route: via 203.0.113.1 dev eth0',
  'LAN subnets: 203.0.113.0/24 (eth0), 192.168.1.0/24 (eth1)',
  'SSH client: 192.168.1.50',
  '! IPv4 forwarding is off (net.ipv4.ip_forward = 0): nothing would pass the',
  '  gateway.',
  '    fix: nothing to do by hand: apply turns it on and keeps it in',
  '    /etc/sysctl.d/.',
  ...Array<string>(10).fill(''),
  'Enter next  Tab/↓ field  ←/→ choose  Esc back  ^C quit',
].join('\n');

const SITE_40x10 = [
  'wg-site setup wg0 · 2/10 This site',
  '… 4 more above',
  '  Site name         alpha',
  '▸ LAN interface     eth1▏',
  '  LAN address       192.168.1.10/24',
  '  LAN subnet(s)     192.168.1.0/24',
  '… 2 more below',
  '',
  'Enter next  Tab/↓ field  ^C quit',
].join('\n');

function assertFits(frame: string, width: number, height: number): void {
  const lines = frame.split('\n');
  assert.ok(lines.length <= height - 1, `${lines.length} lines in a ${height}-line terminal`);
  for (const line of lines) assert.ok([...line].length <= width, `wider than ${width}: ${line}`);
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('frames', () => {
  test('the detect step at 80×24 shows the host, its problems with fixes, and the keys', async () => {
    const w = renderWizard();
    const frame = await until(w, (f) => f === DETECT_80x24, 'the detect frame').catch(() => w.frame());
    assert.equal(frame, DETECT_80x24);
    w.instance.unmount();
  });

  test('at 40×10 the site step keeps the focused field in view and says what is below', async () => {
    const w = renderWizard({ width: 40, height: 10 });
    await press(w, KEY.enter);
    await atStep(w, 2);
    await press(w, KEY.tab, KEY.tab);
    const frame = await until(w, (f) => f === SITE_40x10, 'the 40×10 frame').catch(() => w.frame());
    assert.equal(frame, SITE_40x10);
    w.instance.unmount();
  });

  test('below the minimum size it says so instead of drawing, and recovers when enlarged', async () => {
    const w = renderWizard({ width: 20, height: 6 });
    const frame = await shows(w, 'Terminal too');
    assertFits(frame, 20, 6);
    Object.defineProperty(w.instance.stdout, 'columns', { get: () => 80, configurable: true });
    w.instance.rerender(React.createElement(WizardApp, { ...propsOf(w), width: 80, height: 24 }));
    await atStep(w, 1);
    w.instance.unmount();
  });

  test('every step fits 80×24 and 40×10, also after a resize mid-step', async () => {
    for (const [width, height] of [
      [80, 24],
      [40, 10],
    ] as const) {
      const w = renderWizard({ width, height });
      const frames: string[] = [];
      const collect = async (n: number) => frames.push(await atStep(w, n));
      await collect(1);
      await press(w, KEY.enter);
      await collect(2);
      await press(w, KEY.enter);
      await collect(3);
      await press(w, KEY.enter);
      await collect(4);
      await fillFarSite(w);
      for (const n of [5, 6, 7, 8]) {
        await press(w, KEY.enter);
        if (n === 7) await chooseRouting(w, 'masquerade').then(() => press(w, KEY.enter));
        await collect(n === 7 ? 7 : n);
      }
      for (const f of frames) assertFits(f, width, height);
      w.instance.unmount();
    }
  });
});

import React from 'react';
import { WizardApp, type WizardAppProps } from '../../../source/ui/wizard/wizard-app.js';
import type { Wizard } from './harness.js';

function propsOf(w: Wizard): WizardAppProps {
  return {
    initial: initialState(FACTS),
    report: REPORT,
    services: w.services,
    clock: w.clock,
    color: false,
  };
}

describe('walking every step', () => {
  for (const option of ['default-router', 'static-route', 'masquerade'] as const) {
    test(`a full run with ${option} routing applies that site file and ends at the hand-off`, async () => {
      const w = renderWizard({ height: 40, width: 100 });
      await toFarSite(w);
      assert.deepEqual(w.services.calls, ['generateKey wg0']);
      await fillFarSite(w);
      await fromFarSiteToHandoff(w, option);
      const request = w.services.applied[0]!;
      assert.equal(request.siteFile.routing, option);
      assert.equal(request.sitePath, '/etc/wg-site/wg0.json');
      assert.equal(request.privateKey, 'generated');
      assert.deepEqual(request.siteFile.peers[0]!.subnets, ['192.168.2.0/24']);
      await shows(w, 'wgsite1.');
      await shows(w, '"name": "alpha"'.slice(0, 8));
      await press(w, KEY.enter);
      await until(w, () => w.outcome() === 'done', 'the wizard to finish');
      w.instance.unmount();
    });
  }

  test('static route shows the exact router entry and the per-host and DHCP 121 alternatives', async () => {
    const w = renderWizard({ height: 40, width: 100 });
    await toFarSite(w);
    await fillFarSite(w);
    await press(w, KEY.enter, KEY.enter);
    await atStep(w, 6);
    await chooseRouting(w, 'static-route');
    const frame = flat(w.frame());
    assert.ok(frame.includes('destination 192.168.2.0 netmask 255.255.255.0 (/24) next hop 192.168.1.10'));
    assert.ok(frame.includes('ip route add 192.168.2.0/24 via 192.168.1.10'));
    assert.ok(frame.includes('dhcp-option=121,192.168.2.0/24,192.168.1.10'));
    w.instance.unmount();
  });

  test('Esc goes back one step at a time and keeps every value typed', async () => {
    const w = renderWizard();
    await toFarSite(w);
    await fillFarSite(w);
    await press(w, KEY.enter);
    await atStep(w, 5);
    await press(w, KEY.escape);
    await atStep(w, 4);
    await shows(w, 'beta.example.org:51820');
    await press(w, KEY.escape);
    await atStep(w, 3);
    await shows(w, 'Public key: ');
    await press(w, KEY.escape);
    await atStep(w, 2);
    await press(w, KEY.escape);
    await atStep(w, 1);
    for (const n of [2, 3, 4, 5]) {
      await press(w, KEY.enter);
      await atStep(w, n);
    }
    assert.deepEqual(w.services.calls, ['generateKey wg0'], 'the key is generated once');
    w.instance.unmount();
  });

  test('keys that arrive in one chunk (two Tabs, then Enter) each count', async () => {
    const w = renderWizard();
    await press(w, KEY.enter);
    await atStep(w, 2);
    w.instance.stdin.write('\t\t');
    await shows(w, '▸ LAN interface');
    w.instance.stdin.write('\r');
    await atStep(w, 3);
    w.instance.unmount();
  });

  test('Enter is refused with the problems listed while a step has errors', async () => {
    const w = renderWizard();
    await toFarSite(w);
    await press(w, KEY.enter);
    await shows(w, 'Cannot continue:');
    await atStep(w, 4);
    w.instance.unmount();
  });
});

describe('invalid input on every field shows the core message inline', () => {
  const bad: Record<FieldId, string> = {
    interface: 'wg 0',
    name: 'bad name!',
    lanInterface: 'eth 1',
    lanAddress: '192.168.1.300/24',
    lanSubnets: '10.0.0.0/33',
    tunnelAddress: 'nope',
    listenPort: '70000',
    ownEndpoint: 'host:port',
    farName: '-x',
    farPublicKey: 'abc',
    farEndpoint: 'a b:1',
    farTunnelAddress: '10.0.0',
    farSubnets: 'x/24',
    keepalive: '99999',
    allowedIps: '0.0.0.0/0',
    tcpPorts: '0',
    udpPorts: '65536',
    mtu: '14x',
  };
  const order: Record<string, FieldId[]> = {
    site: [
      'interface',
      'name',
      'lanInterface',
      'lanAddress',
      'lanSubnets',
      'tunnelAddress',
      'listenPort',
      'ownEndpoint',
    ],
    'far-site': ['farName', 'farPublicKey', 'farEndpoint', 'farTunnelAddress', 'farSubnets', 'keepalive'],
  };
  for (const field of Object.keys(bad) as FieldId[]) {
    test(`${field}: "${bad[field]}"`, async () => {
      const w = renderWizard({ width: 100, height: 40 });
      const step = FIELD_STEP[field];
      if (step === 'site') {
        await press(w, KEY.enter);
        await atStep(w, 2);
        for (let i = 0; i < order.site!.indexOf(field); i++) await press(w, KEY.tab);
      } else {
        await toFarSite(w);
        if (step !== 'far-site') {
          await fillFarSite(w);
          await press(w, KEY.enter);
          await atStep(w, 5);
          if (step === 'firewall') {
            await press(w, KEY.enter);
            await chooseRouting(w, 'masquerade');
            await press(w, KEY.enter);
            await atStep(w, 7);
            if (field !== 'mtu') await press(w, KEY.right);
            await press(w, KEY.tab);
            if (field === 'udpPorts') await press(w, KEY.tab);
          }
        } else {
          await press(w, KEY.tab);
          for (let i = 0; i < order['far-site']!.indexOf(field); i++) await press(w, KEY.tab);
        }
      }
      await press(w, KEY.ctrlU, bad[field]);
      // The expected text is what the machine itself says for this value, with both keys known as on
      // the screen (they decide which end of the tunnel pair each gateway takes).
      const keyed = [
        { type: 'key-generated', publicKey: GATEWAY_PUBLIC },
        { type: 'edit', field: 'farPublicKey', value: FAR_PUBLIC },
        { type: 'edit', field, value: bad[field] },
      ] as const;
      const expected = keyed.reduce(transition, initialState(FACTS)).errors[field];
      const frame = await until(w, (f) => f.includes(`${bad[field]}▏`), 'the typed value');
      if (expected !== undefined) {
        await until(w, (f) => flat(f).includes(flat(expected)), `the message: ${expected}`);
      } else assert.ok(flat(frame).includes('✗'), 'some error is shown');
      w.instance.unmount();
    });
  }
});

describe('far site by pairing code', () => {
  test('a pairing code pasted in one chunk fills the far site', async () => {
    const w = renderWizard({ width: 100, height: 40 });
    await toFarSite(w);
    const code = encodePairingCode(
      {
        siteName: 'beta',
        publicKey: FAR_PUBLIC,
        endpoint: 'beta.example.org:51820',
        tunnelAddress: '10.77.0.1/31',
        peerTunnelAddress: '10.77.0.0/31',
        subnets: ['192.168.2.0/24'],
        listenPort: 51820,
      },
      { includePresharedKey: false },
    );
    w.instance.stdin.write(code);
    await shows(w, 'Far site name     beta');
    const frame = flat(w.frame());
    assert.ok(frame.includes(FAR_PUBLIC));
    assert.ok(frame.includes('192.168.2.0/24'));
    assert.ok(frame.includes('10.77.0.1'));
    await press(w, KEY.enter);
    await atStep(w, 5);
    await shows(w, '10.77.0.1/32, 192.168.2.0/24');
    w.instance.unmount();
  });

  test('a broken code shows the decoder message and fills nothing', async () => {
    const w = renderWizard({ width: 100, height: 40 });
    await toFarSite(w);
    w.instance.stdin.write('wgsite1.AAAA');
    await until(w, (f) => f.includes('✗'), 'an error');
    assert.ok(w.frame().includes('Far site name\n') || !w.frame().includes('Far site name     beta'));
    w.instance.unmount();
  });
});
