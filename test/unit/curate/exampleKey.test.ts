import * as assert from 'node:assert/strict';
import { canonicalExample, exactKey, normalizedKey } from '../../../src/core/curate/exampleKey';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('example keys', () => {
  it('canonicalises key order, whitespace, case and number spelling', () => {
    assert.equal(
      canonicalExample({ b: [' Hello\t\n  World ', 1.0], a: { z: null, y: true } }),
      '{"a":{"y":true,"z":null},"b":["hello world",1]}',
    );
  });

  it('keeps object key names and array order as written', () => {
    assert.notEqual(canonicalExample({ Role: 'x' }), canonicalExample({ role: 'x' }));
    assert.notEqual(canonicalExample(['a', 'b']), canonicalExample(['b', 'a']));
  });

  it('gives equal normalised keys to presentation variants', () => {
    const a = normalizedKey(bytes('{"messages":[{"role":"user","content":"Hi  there"}]}'));
    const b = normalizedKey(bytes(' { "messages" : [ { "content" : "hi there\\u0020", "role" : "USER" } ] } '));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, normalizedKey(bytes('{"messages":[{"role":"user","content":"Hi there!"}]}')));
    assert.deepEqual(normalizedKey(bytes('{"n":1.0,"e":1e2}')), normalizedKey(bytes('{"e":100,"n":1}')));
  });

  it('has no normalised key for invalid JSON or invalid UTF-8', () => {
    assert.equal(normalizedKey(bytes('{"a":')), undefined);
    assert.equal(normalizedKey(Uint8Array.of(0x22, 0xff, 0x22)), undefined);
  });

  it('exact keys compare bytes and never equal a normalised key', () => {
    assert.deepEqual(exactKey(bytes('{"a":1}')), exactKey(bytes('{"a":1}')));
    assert.notDeepEqual(exactKey(bytes('{"a":1}')), exactKey(bytes('{"a": 1}')));
    assert.notDeepEqual(exactKey(bytes('1')), normalizedKey(bytes('1')));
  });
});
