import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { systemRunner } from '../../source/system/command-runner.js';

/** The session id in a /proc/PID/stat text (the 4th field after the command name). */
function sessionIn(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3]);
}

test('a command runs in a session of its own, so a terminal hang-up reaches neither it nor its daemons', async () => {
  const r = await systemRunner.run('sh', ['-c', 'echo $$; cat /proc/$$/stat']);
  assert.equal(r.exitCode, 0, r.stderr);
  const [pid, stat] = r.stdout.split('\n');
  assert.equal(sessionIn(stat!), Number(pid), 'the command leads its own session');
  assert.notEqual(sessionIn(stat!), sessionIn(await readFile('/proc/self/stat', 'utf8')));
});

test('a missing program gives exit code 127 and says so', async () => {
  const r = await systemRunner.run('wg-site-no-such-program', []);
  assert.equal(r.exitCode, 127);
  assert.match(r.stderr, /wg-site-no-such-program: command not found/);
});
