import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generatePrivateKey, isClampedPrivateKey, publicKeyOf } from '../../../source/domain/keys.js';
import { encodePairingCode } from '../../../source/domain/pairing/code.js';
import { initialState } from '../../../source/domain/wizard/initial.js';
import type { WizardHostFacts } from '../../../source/domain/wizard/types.js';
import {
  FACTS,
  FAR_PUBLIC,
  GATEWAY_PUBLIC,
  KEY,
  press,
  renderWizard,
  shows,
  tick,
  until,
  type Wizard,
} from './harness.js';
import { atStep, chooseRouting, fillFarSite, fromFarSiteToHandoff, toFarSite } from './walk.js';

const CTRL_P = '\u0010';

/** The far gateway of the pairing tests, as its own wizard detects it. */
const FACTS_B: WizardHostFacts = {
  ...FACTS,
  hostname: 'beta',
  lanAddress: '192.168.2.10/24',
  lanRouter: '192.168.2.1',
  uplinkAddress: '198.51.100.7',
  routes: ['192.168.2.0/24', '198.51.100.0/24'],
};

/** The pairing code drawn on a frame: the `wgsite1.` line and the indented lines wrapped from it. */
function codeOn(frame: string): string | undefined {
  const lines = frame.split('\n');
  const at = lines.findIndex((l) => /^ {2}wgsite1\.[A-Za-z0-9_-]+$/.test(l.trimEnd()));
  if (at < 0) return undefined;
  let code = lines[at]!.trim();
  for (const line of lines.slice(at + 1)) {
    const piece = /^ {2}([A-Za-z0-9_-]+)\s*$/.exec(line);
    if (!piece) break;
    code += piece[1];
  }
  return code;
}

function assertFits(frame: string, width: number, height: number): void {
  const lines = frame.split('\n');
  assert.ok(lines.length <= height - 1, `${lines.length} lines in a ${height}-line terminal`);
  for (const line of lines) assert.ok([...line].length <= width, `wider than ${width}: ${line}`);
}

/** Opens the own-code view on step 4 and reads the whole code off it; Esc closes it again. */
async function ownCode(w: Wizard): Promise<string> {
  await press(w, CTRL_P);
  const frame = await until(w, (f) => codeOn(f) !== undefined, 'the whole own code');
  await press(w, KEY.escape);
  await shows(w, '▸ Pairing code');
  return codeOn(frame)!;
}

describe('keys that arrive in one chunk with text each count', () => {
  test('a Tab then "siteA" in one chunk moves on before typing (not "wg0siteA")', async () => {
    const w = renderWizard();
    await press(w, KEY.enter);
    await atStep(w, 2);
    w.instance.stdin.write('\tsiteA');
    const frame = await shows(w, '▸ Site name         alphasiteA▏');
    assert.match(frame, /^ {2}Interface {9}wg0$/m);
    w.instance.unmount();
  });

  test('"beta\\t" types beta and then moves to the next field', async () => {
    const w = renderWizard();
    await toFarSite(w);
    await press(w, KEY.tab);
    w.instance.stdin.write('beta\t');
    const frame = await shows(w, '▸ Far public key');
    assert.match(frame, /^ {2}Far site name {5}beta$/m);
    w.instance.unmount();
  });

  test('^U, text, Backspace and Enter in one chunk clear, type, erase and go on, in order', async () => {
    const w = renderWizard();
    await press(w, KEY.enter);
    await atStep(w, 2);
    await press(w, KEY.tab);
    w.instance.stdin.write('\u0015gammaa\u007f\r');
    await atStep(w, 3);
    await press(w, KEY.escape);
    await shows(w, 'Site name         gamma\n');
    w.instance.unmount();
  });

  test('^C and y in one chunk ask to abandon but do not answer', async () => {
    const w = renderWizard();
    await press(w, KEY.enter);
    await atStep(w, 2);
    w.instance.stdin.write('\u0003y');
    await shows(w, 'Abandon the wizard?');
    for (let i = 0; i < 20; i++) await tick();
    assert.equal(w.outcome(), undefined);
    await press(w, 'y');
    await until(w, () => w.outcome() === 'abandoned', 'abandoned by a later y');
    w.instance.unmount();
  });
});

describe('a pasted pairing code stays one paste', () => {
  for (const [what, wrap] of [
    ['with a trailing newline', (code: string) => `${code}\r\n`],
    ['copied wrapped off a screen', (code: string) => ` ${code.slice(0, 30)}\r\n  ${code.slice(30)}\n`],
  ] as const) {
    test(`${what}: it fills the far site and does not press Enter`, async () => {
      const b = renderWizard({ state: initialState(FACTS_B), width: 100, height: 40 });
      b.services.generateKey = async () => FAR_PUBLIC;
      const a = renderWizard({ width: 100, height: 40 });
      await toFarSite(a);
      const code = await ownCode(a);
      await toFarSite(b);
      b.instance.stdin.write(wrap(code));
      await shows(b, 'Far site name     alpha');
      assert.ok(b.frame().includes(' 4/10 '), 'still on step 4');
      a.instance.unmount();
      b.instance.unmount();
    });
  }
});

describe('step 4 shows this gateway’s key and pairing code', () => {
  test('both fit 80×24 and 40×10; ^P shows the whole code and its QR code, Esc goes back', async () => {
    for (const [width, height] of [
      [80, 24],
      [40, 10],
    ] as const) {
      const w = renderWizard({ width, height });
      await toFarSite(w);
      const frame = await shows(w, 'This pairing code');
      assertFits(frame, width, height);
      if (width === 80) {
        assert.ok(frame.includes(`This public key   ${GATEWAY_PUBLIC}`));
        assert.ok(frame.includes("code the far gateway's wizard shows on its step 4 or at its end"));
        assert.ok(!frame.includes('wg-site pair there'));
      }
      await press(w, CTRL_P);
      const sub = await until(w, (f) => codeOn(f) !== undefined, 'the whole code');
      assertFits(sub, width, height);
      assert.match(codeOn(sub)!, /^wgsite1\.[A-Za-z0-9_-]{40,}$/);
      if (width === 80) assert.ok(sub.includes('█'), 'the QR code starts in view');
      await press(w, KEY.pageDown);
      assertFits(w.frame(), width, height);
      await press(w, KEY.escape);
      await shows(w, '▸ Pairing code');
      await atStep(w, 4);
      w.instance.unmount();
    }
  });

  test('two fresh gateways pair by pasting only: A’s step-4 code into B, B’s hand-off code into A', async () => {
    const a = renderWizard({ width: 80, height: 24 });
    const b = renderWizard({ state: initialState(FACTS_B), width: 80, height: 24 });
    b.services.generateKey = async () => FAR_PUBLIC;
    await toFarSite(a);
    const codeA = await ownCode(a);

    await toFarSite(b);
    b.instance.stdin.write(codeA);
    await shows(b, 'Far site name     alpha');
    await fromFarSiteToHandoff(b, 'masquerade');
    const codeB = await until(b, (f) => codeOn(f) !== undefined, 'B’s code on its hand-off').then(codeOn);

    a.instance.stdin.write(codeB!);
    await shows(a, 'Far site name     beta');
    await fromFarSiteToHandoff(a, 'default-router');

    const siteA = a.services.applied[0]!.siteFile;
    const siteB = b.services.applied[0]!.siteFile;
    assert.equal(siteA.peers[0]!.publicKey, FAR_PUBLIC);
    assert.equal(siteB.peers[0]!.publicKey, GATEWAY_PUBLIC);
    assert.equal(siteA.peers[0]!.tunnelAddress, siteB.tunnel.address.split('/')[0]);
    assert.equal(siteB.peers[0]!.tunnelAddress, siteA.tunnel.address.split('/')[0]);
    assert.deepEqual(siteA.peers[0]!.subnets, ['192.168.2.0/24']);
    assert.deepEqual(siteB.peers[0]!.subnets, ['192.168.1.0/24']);
    assert.equal(siteA.peers[0]!.endpoint, '198.51.100.7:51820');
    assert.equal(siteB.peers[0]!.endpoint, '203.0.113.5:51820');
    a.instance.unmount();
    b.instance.unmount();
  });
});

describe('the review waits for the files on disk', () => {
  test('Enter while "Reading the files on disk…" applies nothing and says why; once read it applies', async () => {
    const w = renderWizard({ width: 100, height: 40 });
    let release: () => void = () => undefined;
    const review = w.services.review;
    w.services.review = (request) =>
      new Promise((resolve) => {
        release = () => void review(request).then(resolve);
      });
    await toFarSite(w);
    await fillFarSite(w);
    await press(w, KEY.enter);
    await atStep(w, 5);
    await press(w, KEY.enter);
    await atStep(w, 6);
    await chooseRouting(w, 'masquerade');
    await press(w, KEY.enter);
    await atStep(w, 7);
    await press(w, KEY.enter);
    await shows(w, 'Reading the files on disk…');
    await shows(w, 'Enter applies once their diff shows.');
    await press(w, KEY.enter);
    await shows(w, 'Wait: the files on disk are still being read');
    assert.ok(!w.services.calls.includes('apply wg0'), 'nothing applied');
    assert.ok(w.frame().includes(' 8/10 '));
    release();
    await shows(w, '(new, 0600)');
    await press(w, KEY.enter);
    await shows(w, 'Trial: reverts in 60 s');
    assert.ok(w.services.calls.includes('apply wg0'));
    w.instance.unmount();
  });
});

describe('a far public key that looks like a private key', () => {
  test('arriving in a pasted code, it is checked and shown once it is not this gateway’s', async () => {
    // About one public key in 32 has the bit pattern of a clamped private key.
    let publicKey = '';
    while (!isClampedPrivateKey(publicKey)) publicKey = publicKeyOf(generatePrivateKey());
    const code = encodePairingCode(
      {
        siteName: 'beta',
        publicKey,
        endpoint: 'beta.example.org:51820',
        tunnelAddress: '10.77.0.1/31',
        peerTunnelAddress: '10.77.0.0/31',
        subnets: ['192.168.2.0/24'],
        listenPort: 51820,
      },
      { includePresharedKey: false },
    );
    const w = renderWizard({ width: 100, height: 40 });
    await toFarSite(w);
    w.instance.stdin.write(code);
    await shows(w, `Far public key    ${publicKey}`);
    assert.ok(!w.frame().includes('(hidden'));
    await press(w, KEY.enter);
    await atStep(w, 5);
    w.instance.unmount();
  });
});
