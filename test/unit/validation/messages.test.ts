import * as assert from 'node:assert/strict';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';
import { imageUrlProblem } from '../../../src/core/validation/checks/imageUrl';
import { firstInvalidUtf8 } from '../../../src/core/validation/utf8';

const messagesOf = (messages: unknown[], extra: Record<string, unknown> = {}) =>
  analyzeLine(JSON.stringify({ messages, ...extra }), 0, 'chat').problems.map((p) => [p.code, p.message]);

describe('message checks', () => {
  it('explain tool call problems precisely', () => {
    const call = (over: Record<string, unknown>) => ({
      id: 'c1',
      type: 'function',
      function: { name: 'f', arguments: '{}' },
      ...over,
    });
    const check = (calls: unknown) =>
      messagesOf([
        { role: 'user', content: 'a' },
        { role: 'assistant', tool_calls: calls },
      ]);
    assert.deepEqual(check([call({ type: 'tool' })]), [
      ['ft.tool-call', 'Tool call "type" must be "function", not "tool"'],
    ]);
    assert.deepEqual(check([call({ function: { name: 'f', arguments: { a: 1 } } })]), [
      ['ft.tool-arguments', '"arguments" must be a string holding JSON (use JSON.stringify), not an object'],
    ]);
    assert.deepEqual(check([call({ function: { name: 'f', arguments: '[1]' } })]), [
      ['ft.tool-arguments', '"arguments" must encode a JSON object, not an array'],
    ]);
    assert.deepEqual(check([call({}), call({})]), [
      ['ft.tool-call', 'Tool call id "c1" is already used earlier in this example'],
    ]);
    assert.deepEqual(check({}), [['ft.data-type', '"tool_calls" must be an array, not an object']]);
  });

  it('require tool results to answer an earlier call', () => {
    const result = messagesOf([
      { role: 'user', content: 'a' },
      { role: 'tool', content: 'x' },
      { role: 'assistant', content: 'b' },
    ]);
    assert.deepEqual(result, [['ft.tool-call-id', 'Tool message is missing "tool_call_id"']]);
  });

  it('restrict assistant-only and tool-only keys to their roles', () => {
    assert.deepEqual(
      messagesOf([
        { role: 'user', content: 'a', tool_calls: [] },
        { role: 'assistant', content: 'b' },
      ]),
      [['ft.message-unrecognized-key', '"tool_calls" is only allowed on assistant messages, not user']],
    );
    assert.deepEqual(
      messagesOf([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: 'b', tool_call_id: 'x' },
      ]),
      [['ft.message-unrecognized-key', '"tool_call_id" is only allowed on tool messages, not assistant']],
    );
  });

  it('let an assistant refusal stand without content', () => {
    assert.deepEqual(
      messagesOf([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
      ]),
      [],
    );
  });

  it('count images across the whole example', () => {
    const img = { type: 'image_url', image_url: { url: 'https://x.io/a.jpg' } };
    const result = messagesOf([
      { role: 'user', content: Array.from({ length: 6 }, () => img) },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: Array.from({ length: 6 }, () => img) },
      { role: 'assistant', content: 'c' },
    ]);
    assert.deepEqual(result, [['ft.too-many-images', 'More than 10 images in one example; the API allows at most 10']]);
  });
});

describe('image URLs', () => {
  it('accept http(s) and base64 JPEG, PNG and WebP data URLs', () => {
    for (const url of [
      'https://example.com/a.png',
      'HTTP://example.com/a',
      'data:image/jpeg;base64,/9j/4AAQ',
      'data:image/webp;base64,UklGRg==',
    ])
      assert.equal(imageUrlProblem(url), undefined, url);
  });

  it('explain what is wrong with others', () => {
    assert.equal(
      imageUrlProblem('data:image/jpg;base64,AAAA'),
      'Data URL type "image/jpg" is not a MIME type; use "image/jpeg"',
    );
    assert.equal(
      imageUrlProblem('data:image/gif;base64,AAAA'),
      'Unsupported image type "image/gif"; use image/jpeg, image/png or image/webp',
    );
    assert.equal(
      imageUrlProblem('data:image/png,rawdata'),
      'Data URL must be base64-encoded (data:image/png;base64,...), not "image/png"',
    );
    assert.equal(imageUrlProblem('data:image/png;base64,'), 'Data URL has no image data');
    assert.equal(imageUrlProblem('data:image/png;base64,not base64!'), 'Data URL data is not valid base64');
    assert.equal(imageUrlProblem('https://'), 'Image URL has no host');
    assert.match(imageUrlProblem('/local/file.png') ?? '', /^Image URL must be an https:\/\/ URL or a base64 data URL/);
  });
});

describe('firstInvalidUtf8', () => {
  it('finds the start of the first invalid sequence, agreeing with a fatal decoder', () => {
    const cases: [number[], number][] = [
      [[0x61, 0xc3, 0xa9], -1],
      [[0xf0, 0x9f, 0x98, 0x80], -1],
      [[0x61, 0xff], 1],
      [[0x61, 0x80], 1],
      [[0xc3, 0x28], 0],
      [[0xe2, 0x82], 0],
      [[0xed, 0xa0, 0x80], 0],
      [[0xc0, 0xaf], 0],
      [[0xf4, 0x90, 0x80, 0x80], 0],
    ];
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (const [bytes, expected] of cases) {
      assert.equal(firstInvalidUtf8(new Uint8Array(bytes)), expected, bytes.join(','));
      let valid = true;
      try {
        fatal.decode(new Uint8Array(bytes));
      } catch {
        valid = false;
      }
      assert.equal(valid, expected === -1);
    }
  });
});
