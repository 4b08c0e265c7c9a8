// Regenerates the screenshots in media/ from real frames: builds the two-site lab, runs the real setup
// wizard on both gateways in 80×24 tmux terminals (test/lab/wizard-flow.ts, the same flow as the
// end-to-end test), captures each main step with its colours, then starts traffic between the LANs
// and captures the live panel on gateway A. Every frame goes through scripts/ansi-to-svg.ts.
// Run through scripts/media.sh (root, Linux); it tears the lab down at the end, also on failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  LAB_ADDR,
  labAvailable,
  labDown,
  labExec,
  labRouteViaGateway,
  labStaticRoute,
  labUp,
  labWaitFor,
} from '../test/lab/lab.js';
import { TmuxServer, tmuxAvailable, type TmuxPane } from '../test/lab/terminal.js';
import { joinWithWizards, labEnv, wizardCommand, type FlowStep } from '../test/lab/wizard-flow.js';
import { ansiToSvg } from './ansi-to-svg.js';

const MEDIA = fileURLToPath(new URL('../media/', import.meta.url));
const COLS = 80;
const ROWS = 24;

/**
 * Which gateway's frame becomes which picture: B shows its step 4 with A's pasted code (and its own
 * key and code), A its trial with the handshake.
 */
const SHOTS: Record<'A' | 'B', Partial<Record<FlowStep, string>>> = {
  A: {
    host: 'wizard-1-host',
    site: 'wizard-2-site',
    firewall: 'wizard-7-firewall',
    review: 'wizard-8-review',
    trial: 'wizard-9-trial',
    handoff: 'wizard-10-handoff',
  },
  B: {
    keys: 'wizard-3-keys',
    'far-site': 'wizard-4-far-site',
    'allowed-ips': 'wizard-5-allowed-ips',
    routing: 'wizard-6-routing',
  },
};

async function save(pane: TmuxPane, name: string, title: string): Promise<void> {
  const svg = ansiToSvg(await pane.frame(), { cols: COLS, rows: ROWS, title });
  writeFileSync(`${MEDIA}${name}.svg`, svg);
  process.stdout.write(`  media/${name}.svg\n`);
}

/** Starts CMD in NODE without waiting for it; `lab down` ends it. */
function background(node: 'hostA' | 'hostB', argv: string[]): void {
  void labExec(node, argv, { timeoutMs: 3_600_000 });
}

async function main(): Promise<number> {
  const lab = labAvailable();
  if (!lab.ok) throw new Error(`the lab cannot run here: ${lab.reason}`);
  if (!tmuxAvailable()) throw new Error('tmux is not installed');
  mkdirSync(MEDIA, { recursive: true });
  const server = new TmuxServer(`wgsite-media-${process.pid}`);
  process.stdout.write('Building the lab…\n');
  await labUp();
  try {
    process.stdout.write('Running the setup wizard on gwA and gwB…\n');
    await joinWithWizards({
      server,
      sessions: { A: 'media-A', B: 'media-B' },
      names: { A: 'office', B: 'depot' },
      routing: { A: 'default-router', B: 'static-route' },
      onStep: async (site, step, pane) => {
        const name = SHOTS[site][step];
        if (name) await save(pane, name, `root@gw${site}: wg-site setup`);
      },
      duringTrialA: async (pane) => {
        await labRouteViaGateway('A');
        await labStaticRoute('B');
        background('hostA', ['ping', '-n', '-i', '0.5', LAB_ADDR.hostB]);
        await pane.waitFor(/handshake \d+ s ago/, 'a handshake on A’s trial screen', 30_000);
      },
    });

    process.stdout.write('Traffic between the LANs, then the live panel on gwA…\n');
    background('hostB', ['iperf3', '-s']);
    const listening = await labWaitFor(
      async () => (await labExec('hostB', ['ss', '-Hltn', 'sport = :5201'])).stdout.includes('LISTEN'),
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    if (!listening) throw new Error('the iperf3 server on hostB did not start');
    background('hostA', ['iperf3', '-c', LAB_ADDR.hostB, '-b', '20M', '-t', '0']);
    const cli = wizardCommand('gwA');
    const panel = await server.open('media-panel', [...cli.slice(0, -1), 'panel'], { env: labEnv() });
    // Wait until the peer is up and its traffic history holds a dozen samples.
    await panel.waitFor(
      (s) => s.includes('1/1 peers up') && (s.match(/[▁▂▃▄▅▆▇█]/gu)?.length ?? 0) >= 24,
      'the panel with a traffic history',
      90_000,
    );
    await save(panel, 'panel', 'root@gwA: wg-site panel');
    return 0;
  } finally {
    await server.kill();
    await labDown();
    process.stdout.write('Lab torn down.\n');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`media: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
