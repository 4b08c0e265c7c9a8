// End to end: the panel and the wizard on a lab gateway, in real tmux windows, shrunk from 100×30 to
// 80×24 and grown back. The terminal re-wraps the wider frame's lines when it narrows, so a view that
// erases its old frame by counting lines leaves copies of it (and of its header) above the new one;
// every resize must leave exactly one clean frame.
import { test } from 'node:test';
import { LAB_SH, labDown, labUp, requireLab } from './lab.js';
import { checkResizes } from './resize-check.js';
import { requireTmux, TmuxServer } from './terminal.js';
import { labEnv, wgSiteCommand, wizardCommand } from './wizard-flow.js';

test(
  'the panel and the wizard each show exactly one clean frame after the window shrinks and grows',
  { timeout: 600_000 },
  async (t) => {
    if (!requireLab(t) || !requireTmux(t)) return;
    const server = new TmuxServer(`wgsite-resize-${process.pid}`);
    await labUp();
    try {
      await checkResizes({
        server,
        name: `panel-${process.pid}`,
        argv: [LAB_SH, 'exec', 'gwA', '--', ...wgSiteCommand('panel', '--interface', 'wg0')],
        env: labEnv(),
        title: /^wg-site wg0 /,
        ready: (s) => /^CHECKS .*pass/m.test(s),
      });
      await checkResizes({
        server,
        name: `wizard-${process.pid}`,
        argv: wizardCommand('gwA'),
        env: labEnv(),
        title: /^wg-site setup wg0/,
        ready: '1/10 Host',
      });
    } finally {
      await server.kill();
      await labDown();
    }
  },
);
