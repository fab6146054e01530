import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/connections/redactSecrets';

describe('connections: redactSecrets', () => {
  it('removes anything shaped like a key', () => {
    const cases: [string, string][] = [
      ['Incorrect API key provided: sk-proj-abcDEF123_-xyz.', 'Incorrect API key provided: [redacted].'],
      ['key sk-svcacct-0123456789', 'key [redacted]'],
      ['Authorization: Bearer eyJhbGciOi.J9-x_y', 'Authorization: [redacted]'],
      ['authorization: bearer abc/def+ghi=', 'authorization: [redacted]'],
      ['api-key: 0123456789abcdef0123', 'api-key: [redacted]'],
      ['GET /x?api-key=zzzzzzzz&y=1', 'GET /x?api-key=[redacted]&y=1'],
      ['{"api_key":"hunter2hunter2"}', '{"api_key":"[redacted]"}'],
      ['{"token": "abcdef"}', '{"token": "[redacted]"}'],
    ];
    for (const [input, expected] of cases) assert.equal(redactSecrets(input), expected, input);
  });

  it('removes the connection’s own key whatever its shape, the longest secret first', () => {
    assert.equal(
      redactSecrets('got local-key-1234 and local-key-1234-long', ['local-key-1234', 'local-key-1234-long']),
      'got [redacted] and [redacted]',
    );
    assert.equal(redactSecrets('x', [undefined, null, '']), 'x');
  });

  it('leaves ordinary text alone', () => {
    const text = 'The keyboard monkey took a token gesture: 404 at http://127.0.0.1:9/v1/models';
    assert.equal(redactSecrets(text), text);
  });

  it('removes a short secret where it stands alone, not inside other words', () => {
    assert.equal(redactSecrets('key ab1 rejected; tab1e ab1x', ['ab1']), 'key [redacted] rejected; tab1e ab1x');
    assert.equal(redactSecrets('(a+b?) and a+b?', ['a+b?']), '([redacted]) and [redacted]');
  });
});
