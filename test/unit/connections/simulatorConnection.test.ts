import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { validateConnection } from '../../../src/core/connections/connection';
import { SIMULATOR_URL_VARIABLE, simulatorConnection } from '../../../src/connections/simulatorConnection';

const ROOT = join('/', 'work', 'studio');
const EXAMPLES = join(ROOT, 'examples');

describe('connections: the simulator connection npm start adds', () => {
  it('lists a keyless compatible connection for a loopback http URL when the examples folder is open', () => {
    const { connection, reason } = simulatorConnection('http://127.0.0.1:8765/v1', [EXAMPLES], ROOT);
    assert.equal(reason, undefined);
    assert.deepEqual(connection, {
      id: 'local-simulator',
      name: 'Local simulator (offline)',
      kind: 'compatible',
      baseUrl: 'http://127.0.0.1:8765/v1',
    });
    // Valid as a connection read from settings would have to be, so every consumer can use it the same way.
    assert.deepEqual(validateConnection(connection), []);
  });

  it('accepts localhost and [::1], normalising the URL', () => {
    assert.equal(
      simulatorConnection('  http://localhost:9000/  ', [EXAMPLES], ROOT).connection?.baseUrl,
      'http://localhost:9000/v1',
    );
    assert.equal(
      simulatorConnection('http://[::1]:8765/v1', [EXAMPLES], ROOT).connection?.baseUrl,
      'http://[::1]:8765/v1',
    );
  });

  it('finds the examples folder among several workspace folders, written with a trailing slash or dots', () => {
    const folders = [join(ROOT, 'src'), `${join(ROOT, 'test', '..', 'examples')}/`];
    assert.ok(simulatorConnection('http://127.0.0.1:8765/v1', folders, ROOT).connection);
  });

  it('says nothing when the variable is not set or empty (the usual case)', () => {
    assert.deepEqual(simulatorConnection(undefined, [EXAMPLES], ROOT), {});
    assert.deepEqual(simulatorConnection('  ', [EXAMPLES], ROOT), {});
  });

  const refused: readonly [string, string, RegExp][] = [
    [
      'a host elsewhere',
      'http://evil.example/v1',
      /host must be 127\.0\.0\.1, localhost, \[::1\] \(it is evil\.example\)/,
    ],
    ['https to a private address', 'https://10.0.0.1/v1', /must be an http:\/\/ URL \(it is https:\/\/\)/],
    ['a file URL', 'file:///etc/passwd', /must be an http:\/\/ URL \(it is file:\/\/\)/],
    ['garbage', 'not a url at all', /it is not a URL/],
    ['a loopback-looking host name', 'http://127.0.0.1.evil.example:8765/v1', /host must be/],
    ['a user name and password', 'http://user:secret-pass@127.0.0.1:8765/v1', /user name or password/],
    ['a query', 'http://127.0.0.1:8765/v1?redirect=elsewhere', /query/],
  ];
  for (const [what, url, why] of refused) {
    it(`ignores ${what}, with a reason for the log that does not repeat the value`, () => {
      const { connection, reason } = simulatorConnection(url, [EXAMPLES], ROOT);
      assert.equal(connection, undefined);
      const text = reason ?? '';
      assert.match(text, why);
      assert.ok(text.startsWith(`${SIMULATOR_URL_VARIABLE} is ignored: `), text);
      assert.ok(!text.includes(url), text);
      assert.ok(!text.includes('secret-pass'), text);
    });
  }

  it('is not listed in any workspace but the examples folder next to the extension', () => {
    for (const folders of [[], [join(ROOT, 'src')], [join('/', 'tmp', 'examples')], [join(ROOT, 'examples', 'sub')]]) {
      const { connection, reason } = simulatorConnection('http://127.0.0.1:8765/v1', folders, ROOT);
      assert.equal(connection, undefined, folders.join());
      assert.equal(reason, `The local simulator is listed only in the examples workspace (${EXAMPLES}).`);
    }
  });
});
