import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { canonicalExample, exactKey, jsonKey, normalizedKey } from '../../../src/core/curate/exampleKey';
import { fingerprint } from '../../../src/core/validation/fingerprint';

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

  it('json keys ignore key order and spacing between tokens, but not case or spaces inside text', () => {
    const call = (args: string) =>
      bytes(
        `{"messages":[{"role":"assistant","tool_calls":[{"id":"1","type":"function","function":{"name":"sh","arguments":${JSON.stringify(args)}}}]}]}`,
      );
    assert.deepEqual(jsonKey(bytes('{"a":1,"b":[1,2]}')), jsonKey(bytes(' { "b" : [ 1 , 2 ] , "a" : 1.0 } ')));
    assert.notDeepEqual(jsonKey(call('{"cmd":"ls -l"}')), jsonKey(call('{"cmd":"ls -L"}')));
    assert.notDeepEqual(jsonKey(bytes('{"a":"Hi"}')), jsonKey(bytes('{"a":"hi"}')));
    assert.notDeepEqual(jsonKey(bytes('{"a":"x y"}')), jsonKey(bytes('{"a":"x  y"}')));
    assert.notDeepEqual(jsonKey(bytes('[1,2]')), jsonKey(bytes('[2,1]')));
    assert.equal(jsonKey(bytes('{"a":')), undefined);
  });

  it('property: two examples have equal json keys exactly when validation fingerprints them as duplicates', () => {
    const text = fc.constantFrom('a', 'A', 'a ', 'ls -l', 'ls -L');
    const message = fc.record({ role: fc.constantFrom('user', 'assistant'), content: text });
    const example = fc.record(
      { messages: fc.array(message, { minLength: 1, maxLength: 3 }), n: fc.constantFrom(1, 2) },
      { requiredKeys: ['messages'] },
    );
    fc.assert(
      fc.property(example, example, (a, b) => {
        const sameKey =
          JSON.stringify(jsonKey(bytes(JSON.stringify(a)))) === JSON.stringify(jsonKey(bytes(JSON.stringify(b))));
        const sameForValidation = fingerprint(a, 'chat').exampleKey === fingerprint(b, 'chat').exampleKey;
        assert.equal(sameKey, sameForValidation);
      }),
      { numRuns: 500 },
    );
  });

  it('property: the normalised form is the recursive definition, and any depth JSON.parse accepts has a key', () => {
    const reference = (value: unknown): string => {
      if (typeof value === 'string') return JSON.stringify(value.trim().replace(/\s+/g, ' ').toLowerCase());
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        return `{${Object.keys(record)
          .sort()
          .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`)
          .join(',')}}`;
      }
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => assert.equal(canonicalExample(value), reference(value))),
      { numRuns: 500 },
    );
    // 100,000 levels overflowed the recursive version: split and dedupe then called this valid line "not valid JSON".
    const deep = `{"messages":[],"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    assert.notEqual(normalizedKey(bytes(deep)), undefined);
    assert.notEqual(normalizedKey(bytes(deep)), normalizedKey(bytes(deep.replace('"x"', '"y"'))));
  });
});
