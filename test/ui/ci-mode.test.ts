import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error -- plain JS build script without types
import { bundleOptions } from '../../scripts/bundle-options.js';
import { inkCiMode } from '../../source/ui/ci-mode.js';

describe("Ink's CI mode", () => {
  const cases: Array<[string, Record<string, string>, boolean, boolean]> = [
    ['CI=true on a terminal still draws live', { CI: 'true' }, true, false],
    ['CONTINUOUS_INTEGRATION=1 on a terminal still draws live', { CONTINUOUS_INTEGRATION: '1' }, true, false],
    ['CI=true into a pipe is CI mode', { CI: 'true' }, false, true],
    ['CONTINUOUS_INTEGRATION=1 into a pipe is CI mode', { CONTINUOUS_INTEGRATION: '1' }, false, true],
    ['CI=0 is not', { CI: '0' }, false, false],
    ['CI=false is not', { CI: 'false' }, false, false],
    ['no CI is not', {}, false, false],
  ];
  for (const [title, env, tty, expected] of cases) {
    test(title, () => assert.equal(inkCiMode(env, tty), expected));
  }

  test('the CLI bundle gives Ink this decision instead of the is-in-ci package', () => {
    const alias = ((bundleOptions as { alias?: Record<string, string> }).alias ?? {}) as Record<
      string,
      string
    >;
    assert.match(alias['is-in-ci'] ?? '', /source\/ui\/ci-mode\.ts$/);
  });
});
