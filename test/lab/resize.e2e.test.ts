// End to end: the panel and the wizard on a lab gateway, in real tmux windows, shrunk from 100×30 to
// 80×24 and grown back. The terminal re-wraps the wider frame's lines when it narrows, so a view that
// erases its old frame by counting lines leaves copies of it (and of its header) above the new one;
// every resize must leave exactly one clean frame. Both draw on the alternate screen: the shell's
// screen must come back when the panel quits, and when a signal ends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAB_SH, labDown, labUp, requireLab } from './lab.js';
import { checkResizes } from './resize-check.js';
import { EXIT_MARK, requireTmux, TmuxServer } from './terminal.js';
import { labEnv, wgSiteCommand, wizardCommand } from './wizard-flow.js';

test(
  'the panel and the wizard show one clean frame after the window shrinks and grows, and the shell’s screen comes back however the panel ends',
  { timeout: 600_000 },
  async (t) => {
    if (!requireLab(t) || !requireTmux(t)) return;
    const server = new TmuxServer(`wgsite-resize-${process.pid}`);
    const panel = [LAB_SH, 'exec', 'gwA', '--', ...wgSiteCommand('panel', '--interface', 'wg0')];
    await labUp();
    try {
      await checkResizes({
        server,
        name: `panel-${process.pid}`,
        argv: panel,
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

      // The shell's screen (with what it showed before) comes back however the panel ends.
      for (const [how, exit] of [
        ['q', 0],
        ['SIGTERM', 143],
        ['SIGHUP', 129],
        ['SIGINT', 130],
      ] as const) {
        const pane = await server.open(
          `panel-${how}-${process.pid}`,
          ['sh', '-c', 'echo "shell line before the panel"; exec "$@"', 'sh', ...panel],
          { env: labEnv() },
        );
        await pane.waitFor(/^wg-site wg0 /m, 'the panel to draw', 120_000);
        assert.ok(await pane.alternateScreen(), 'the panel draws on the alternate screen');
        if (how === 'q') await pane.press('q', EXIT_MARK);
        else process.kill(await pane.commandPid('node'), how);
        const screen = await pane.waitFor(EXIT_MARK, `the panel to end on ${how}`);
        assert.equal(Number(EXIT_MARK.exec(screen)![1]), exit, `exit status after ${how}`);
        assert.equal(await pane.alternateScreen(), false, `the shell's screen is back after ${how}`);
        assert.match(screen, /^shell line before the panel$/m, `what the shell showed is there after ${how}`);
        assert.doesNotMatch(screen, /^wg-site wg0 /m, `no panel frame is left after ${how}`);
      }
    } finally {
      await server.kill();
      await labDown();
    }
  },
);
