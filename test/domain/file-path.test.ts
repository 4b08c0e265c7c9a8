import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PathError } from '../../source/domain/errors.js';
import { MAX_PATH, parseFilePath } from '../../source/domain/file-path.js';

describe('parseFilePath', () => {
  const good = [
    '/etc/wireguard/wg0-beta.psk',
    '/etc/wg-site/x.psk',
    '/k',
    '/etc/wireguard/wg+a=b-shop_2.psk',
    '/root/.secrets/psk@site,1',
    `/${'a'.repeat(255)}`,
  ];
  for (const path of good) {
    test(`${JSON.stringify(path.slice(0, 40))} is accepted unchanged`, () =>
      assert.equal(parseFilePath(path, 'f'), path));
  }

  const bad: Array<[string, RegExp]> = [
    ['', /is empty/],
    ['wg0-beta.psk', /is not absolute/],
    ['./x.psk', /is not absolute/],
    ['/etc/wg-site/x.psk;touch${IFS}/root/owned', /contains ";"/],
    ['/etc/$(touch /tmp/x)', /contains "\$"/],
    ['/etc/`id`', /contains "`"/],
    ['/etc/a b', /contains " "/],
    ['/etc/a\nb', /contains "\\n"/],
    ['/etc/a\0b', /contains "\\u0000"/],
    ['/etc/a#b', /contains "#"/],
    ['/etc/%i.psk', /contains "%"/],
    ["/etc/it's", /contains "'"/],
    ['/etc/a"b', /contains "\\""/],
    ['/etc/a\\b', /contains "\\\\"/],
    ['/etc/a|b', /contains "\|"/],
    ['/etc/a&b', /contains "&"/],
    ['/etc/é.psk', /contains "é"/],
    ['/etc/../root/x', /contains "\.\."/],
    ['/etc/./x', /contains "\."/],
    ['/etc//x', /empty part/],
    ['/etc/x/', /empty part/],
    ['/', /empty part/],
    [`/${'a'.repeat(256)}`, /a part of 256 characters; at most 255/],
    [`/${'a/'.repeat(MAX_PATH / 2)}a`, /at most 1024 are allowed/],
  ];
  for (const [path, message] of bad) {
    test(`${JSON.stringify(path.slice(0, 50))} is refused with PathError naming the field`, () => {
      assert.throws(
        () => parseFilePath(path, 'peers[0].presharedKeyFile'),
        (error: unknown) => {
          assert.ok(error instanceof PathError, String(error));
          assert.equal(error.field, 'peers[0].presharedKeyFile');
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /[\n\0]/, 'the message stays on one line');
          return true;
        },
      );
    });
  }
});
