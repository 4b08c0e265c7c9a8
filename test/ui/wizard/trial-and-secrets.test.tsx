import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePairingCode } from '../../../source/domain/pairing/code.js';
import {
  FAR_PUBLIC,
  GATEWAY_PRIVATE,
  KEY,
  PSK,
  press,
  renderWizard,
  REPORT,
  shows,
  until,
  type Wizard,
} from './harness.js';
import { atStep, chooseRouting, fillFarSite, fromFarSiteToHandoff, toFarSite } from './walk.js';
import { UnreadableInputError } from '../../../source/system/bounded-read.js';

async function toTrial(w: Wizard): Promise<void> {
  await toFarSite(w);
  await fillFarSite(w);
  await press(w, KEY.enter, KEY.enter);
  await atStep(w, 6);
  await chooseRouting(w, 'masquerade');
  await press(w, KEY.enter, KEY.enter);
  await atStep(w, 8);
  await shows(w, '(new, 0600)');
  await press(w, KEY.enter);
  await shows(w, 'Trial: reverts in 60 s');
}

describe('the trial', () => {
  test('a key typed before the keep prompt is armed keeps nothing; a fresh one after it does', async () => {
    const w = renderWizard({ height: 30 });
    await toTrial(w);
    await shows(w, 'wg0 up, listening on UDP 51820');
    await press(w, 'y');
    await shows(w, 'Ignored: that key came before the keep prompt');
    assert.ok(!w.services.calls.includes('confirm wg0'));
    w.clock.advance(500);
    await press(w, 'y');
    assert.ok(!w.services.calls.includes('confirm wg0'), 'still inside the arming delay');
    w.clock.advance(500);
    await shows(w, 'The far side has not answered. Keep this configuration? y keeps it anyway');
    await shows(w, 'y keep it');
    await press(w, 'y');
    await atStep(w, 10);
    assert.ok(w.services.calls.includes('confirm wg0'));
    w.instance.unmount();
  });

  test('the countdown follows the one clock and, unconfirmed, the trial ends reverted with a retry', async () => {
    const w = renderWizard({ height: 30 });
    await toTrial(w);
    w.clock.advance(15_000);
    await shows(w, 'Trial: reverts in 45 s');
    w.services.pending = false; // the watchdog reverted
    w.clock.advance(45_000);
    await shows(w, 'Not kept within 60 s: everything was reverted');
    assert.ok(!w.services.calls.includes('confirm wg0'));
    await shows(w, 'Enter retry');
    w.services.pending = true;
    await press(w, KEY.enter);
    await shows(w, 'Trial: reverts in 60 s');
    assert.equal(w.services.applied.length, 2);
    w.instance.unmount();
  });

  test('the wizard pings the far tunnel address each second and shows that the far side answered', async () => {
    const w = renderWizard({ height: 30 });
    w.services.farAnswers = true;
    await toTrial(w);
    const far = w.services.probes[0]!;
    assert.match(far, /^10\.255\.255\.[01]$/, 'the far tunnel address is pinged');
    await shows(w, `The far side answered: 1 of 1 ping to ${far}, last 0.8 ms.`);
    w.clock.advance(1000);
    await shows(w, `The far side answered: 2 of 2 pings to ${far}`);
    await shows(w, 'The far side answered. Keep this configuration? y keeps it, n reverts now.');
    assert.ok(w.services.probes.every((a) => a === far));
    w.instance.unmount();
  });

  test('a far gateway that never answers nor handshakes is asked about, with this pairing code', async () => {
    const w = renderWizard({ height: 40, width: 100 });
    await toTrial(w);
    await shows(w, 'no answer yet (1 sent)');
    for (let sent = 2; sent <= 4; sent++) {
      w.clock.advance(1000);
      await shows(w, `no answer yet (${sent} sent)`);
    }
    w.clock.advance(1000);
    const frame = await shows(w, 'The far gateway has not answered yet');
    assert.match(frame.replace(/\s+/g, ' '), /0 of 5 pings to \S+, no handshake\) — is it set up\?/);
    assert.match(frame.replace(/\s+/g, ' '), /pairing code into its wizard \(step 4\): wgsite1\./);
    await shows(w, 'The far side has not answered. Keep this configuration?');
    w.instance.unmount();
  });

  test('a handshake without ping replies says so rather than "not set up"', async () => {
    const w = renderWizard({ height: 30, width: 100 });
    w.services.tunnel = {
      ...w.services.tunnel,
      peers: w.services.tunnel.peers.map((p) => ({ ...p, latestHandshake: w.clock.now() / 1000 - 2 })),
    };
    await toTrial(w);
    await shows(w, 'The far gateway handshook, but');
    w.instance.unmount();
  });

  test('n reverts at once', async () => {
    const w = renderWizard({ height: 30 });
    await toTrial(w);
    await press(w, 'n');
    await shows(w, 'Reverted at your request.');
    assert.ok(w.services.calls.includes('revert wg0'));
    w.instance.unmount();
  });

  test('a refused apply lists the problems with their fixes and Esc goes back to the review', async () => {
    const w = renderWizard({ height: 30, width: 100 });
    w.services.applyFails = ['UDP port 51820 is in use by another program; pick another listen port.'];
    await toTrial(w).catch(() => undefined);
    await shows(w, 'UDP port 51820 is in use by another program');
    await press(w, KEY.escape);
    await atStep(w, 8);
    w.instance.unmount();
  });
});

describe('leaving', () => {
  test('Ctrl-C on an untouched wizard leaves at once', async () => {
    const w = renderWizard();
    await atStep(w, 1);
    await press(w, KEY.ctrlC);
    await until(w, () => w.outcome() === 'abandoned', 'the wizard to leave');
  });

  test('Ctrl-C on a half-filled wizard asks first; n stays, y leaves', async () => {
    const w = renderWizard();
    await press(w, KEY.enter);
    await atStep(w, 2);
    await press(w, KEY.ctrlC);
    await shows(w, 'Abandon the wizard?');
    await shows(w, 'y abandon');
    await press(w, 'n');
    await until(w, (f) => !f.includes('Abandon the wizard?'), 'the question to close');
    assert.equal(w.outcome(), undefined);
    await press(w, KEY.ctrlC, 'y');
    await until(w, () => w.outcome() === 'abandoned', 'the wizard to leave');
  });
});

const CONF = [
  '# office tunnel, set up by hand',
  '[Interface]',
  'Address = 10.44.0.0/31',
  `PrivateKey = ${GATEWAY_PRIVATE}`,
  'ListenPort = 51821',
  'PostUp = logger "wg up"',
  'SomeUnknownKey = kept',
  '',
  '[Peer]',
  '# beta',
  `PublicKey = ${FAR_PUBLIC}`,
  `PresharedKey = ${PSK}`,
  'Endpoint = beta.example.org:51820',
  'AllowedIPs = 10.44.0.1/32, 192.168.2.0/24',
  '',
].join('\n');

describe('import and secrets', () => {
  test('an existing config is imported: values prefilled, its key used, its text kept for apply', async () => {
    const w = renderWizard({
      width: 100,
      height: 40,
      report: { ...REPORT, configs: ['/etc/wireguard/wg0.conf'] },
    });
    w.services.files['/etc/wireguard/wg0.conf'] = CONF;
    await shows(w, "Import config     ‹ don't import ›");
    await press(w, KEY.right);
    await shows(w, '‹ /etc/wireguard/wg0.conf ›');
    await press(w, KEY.enter);
    await atStep(w, 2);
    await shows(w, '10.44.0.0/31');
    await shows(w, '51821');
    await press(w, KEY.enter);
    await atStep(w, 3);
    await shows(w, "use the imported file's key");
    await press(w, KEY.enter);
    await atStep(w, 4);
    await shows(w, 'beta.example.org:51820');
    assert.deepEqual(w.services.calls, [], 'no key is generated');
    await fromFarSiteToHandoff(w, 'masquerade');
    const request = w.services.applied[0]!;
    assert.equal(request.privateKey, 'imported-config');
    assert.equal(request.previousWgQuick, CONF);
    assert.equal(request.presharedKey?.source, 'imported-config');
    w.instance.unmount();
  });

  test('a config that cannot be read is not imported, and the wizard says why', async () => {
    const w = renderWizard({
      width: 100,
      height: 40,
      report: { ...REPORT, configs: ['/etc/wireguard/wg0.conf'] },
    });
    const why =
      '/etc/wireguard/wg0.conf is a FIFO (named pipe), not a regular file; give the path of the file itself.';
    w.services.readImport = async () => {
      throw new UnreadableInputError('/etc/wireguard/wg0.conf', why);
    };
    await press(w, KEY.right);
    await shows(w, '‹ /etc/wireguard/wg0.conf ›');
    await press(w, KEY.enter);
    await shows(w, 'is a FIFO (named pipe), not a regular file');
    await atStep(w, 1);
    w.instance.unmount();
  });

  test('no private or preshared key appears in any frame of any step, with them in the state, on disk and pasted', async () => {
    const w = renderWizard({
      width: 100,
      height: 30,
      report: { ...REPORT, configs: ['/etc/wireguard/wg0.conf'] },
    });
    w.services.files['/etc/wireguard/wg0.conf'] = CONF;
    await press(w, KEY.right, KEY.enter);
    await atStep(w, 2);
    await press(w, KEY.enter, KEY.enter);
    await atStep(w, 4);
    // The admin pastes this gateway's own private key where the far public key goes.
    await press(w, KEY.tab, KEY.tab, KEY.ctrlU, GATEWAY_PRIVATE);
    await shows(w, '(hidden: a private key)');
    await press(w, KEY.enter);
    await shows(w, 'holds a private key');
    await atStep(w, 4);
    await press(w, KEY.ctrlU, FAR_PUBLIC);
    await press(w, KEY.enter, KEY.enter);
    await atStep(w, 6);
    await chooseRouting(w, 'static-route');
    await press(w, KEY.enter, KEY.enter);
    await atStep(w, 8);
    await shows(w, '(new, 0600)');
    for (let i = 0; i < 12; i++) await press(w, KEY.pageDown);
    assert.ok(
      w.instance.frames.join('\n').includes('-PrivateKey = (hidden)'),
      'the old key line shows redacted',
    );
    await press(w, KEY.enter);
    await shows(w, 'Trial:');
    w.clock.advance(1000);
    await shows(w, 'Keep this');
    await press(w, 'y');
    await atStep(w, 10);
    for (let i = 0; i < 6; i++) await press(w, KEY.pageDown);
    const frames = w.instance.frames.join('\n');
    assert.ok(frames.includes('· 10/10'));
    assert.ok(!frames.includes(GATEWAY_PRIVATE), 'the private key was drawn');
    assert.ok(!frames.includes(PSK), 'the preshared key was drawn');
    w.instance.unmount();
  });

  test('a pairing code with a preshared key fills the far site without showing the key', async () => {
    const w = renderWizard({ width: 100, height: 40 });
    await toFarSite(w);
    const code = encodePairingCode(
      {
        siteName: 'beta',
        publicKey: FAR_PUBLIC,
        tunnelAddress: '10.77.0.1/31',
        peerTunnelAddress: '10.77.0.0/31',
        subnets: ['192.168.2.0/24'],
        listenPort: 51820,
        presharedKey: PSK,
      },
      { includePresharedKey: true },
    );
    w.instance.stdin.write(code);
    await shows(w, 'carries a preshared key');
    assert.ok(!w.instance.frames.join('\n').includes(PSK));
    w.instance.unmount();
  });
});

describe('ASCII mode', () => {
  test('every step draws printable ASCII only', async () => {
    const w = renderWizard({ ascii: true, height: 30 });
    await toFarSite(w);
    await fillFarSite(w);
    await press(w, KEY.enter, KEY.enter);
    await shows(w, '6/10');
    await press(w, KEY.right, KEY.right);
    await press(w, KEY.enter, KEY.enter);
    await shows(w, '8/10');
    await shows(w, '(new, 0600)');
    await press(w, KEY.enter);
    await shows(w, 'Trial:');
    w.clock.advance(1000);
    await shows(w, 'Keep this');
    await press(w, 'y');
    await shows(w, '10/10');
    for (const frame of w.instance.frames) {
      for (const ch of frame.replaceAll('\n', '')) {
        assert.ok(ch >= ' ' && ch <= '~', `non-ASCII ${JSON.stringify(ch)} in:\n${frame}`);
      }
    }
    w.instance.unmount();
  });
});
