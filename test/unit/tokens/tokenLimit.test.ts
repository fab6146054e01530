import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadEncoding } from '../../../src/core/tokens/encoding';
import { countExampleTokens, type ExampleFormat } from '../../../src/core/tokens/exampleTokens';
import { TOKEN_LIMIT_CODE, tokenLimitProblem } from '../../../src/core/tokens/tokenLimit';

const cl100k = loadEncoding('cl100k_base');

/** Start character of the problem for `lineText` at `limit`, with the cl100k model gpt-3.5-turbo. */
function cutAt(lineText: string, limit: number, format: ExampleFormat = 'chat'): number | undefined {
  return tokenLimitProblem(lineText, 0, JSON.parse(lineText), format, 'gpt-3.5-turbo', limit)?.range.start.character;
}

describe('token limit problem', () => {
  // Tokens: message overhead 0–2, "user" 3, "Hello" 4, " world" 5, reply priming 6–8: 9 in all.
  const hello = '{"messages":[{"role":"user","content":"Hello world"}]}';

  it('reports the count, the limit and the model, from the cut to the end of the line', () => {
    const problem = tokenLimitProblem(hello, 7, JSON.parse(hello), 'chat', 'gpt-3.5-turbo', 5);
    assert.deepEqual(problem, {
      code: TOKEN_LIMIT_CODE,
      severity: 'warning',
      message:
        'This example has 9 tokens, over the 5-token example limit of gpt-3.5-turbo-0125; training truncates it from here.',
      range: { start: { line: 7, character: hello.indexOf(' world') }, end: { line: 7, character: hello.length } },
    });
    assert.equal(TOKEN_LIMIT_CODE, 'ft.token-limit');
  });

  it('is silent at or under the limit and for values it cannot count', () => {
    assert.equal(tokenLimitProblem(hello, 0, JSON.parse(hello), 'chat', 'gpt-3.5-turbo', 9), undefined);
    assert.equal(tokenLimitProblem('{"messages":3}', 0, { messages: 3 }, 'chat', 'gpt-3.5-turbo', 1), undefined);
  });

  it('trusts a count it is given', () => {
    const counted = { total: 4, assistant: 0, messages: 1, hasSystem: false, hasUser: true };
    assert.equal(tokenLimitProblem(hello, 0, JSON.parse(hello), 'chat', 'gpt-3.5-turbo', 5, counted), undefined);
  });

  it('places the cut on the first token past the limit, wherever it falls', () => {
    assert.equal(cutAt(hello, 4), hello.indexOf('Hello'));
    assert.equal(cutAt(hello, 3), hello.indexOf('user'));
    assert.equal(cutAt(hello, 2), hello.indexOf('{"role"'), 'inside the message overhead: the message');
    assert.equal(cutAt(hello, 0), hello.indexOf('{"role"'));
    assert.equal(cutAt(hello, 6), hello.indexOf(']'), 'in the reply priming: the end of the messages');
    assert.equal(cutAt(hello, 8), hello.indexOf(']'));
  });

  it('maps the cut through JSON escapes to the source column', () => {
    // Content tokens from 4: Line | ␠one | \n | Line | ␠" | two | " | ␠é
    const line = '{"messages":[{"role":"user","content":"Line one\\nLine \\"two\\" \\u00e9"}]}';
    assert.equal(cutAt(line, 6), line.indexOf('\\n'));
    assert.equal(cutAt(line, 7), line.indexOf('Line', line.indexOf('\\n')));
    assert.equal(cutAt(line, 8), line.indexOf(' \\"'));
    assert.equal(cutAt(line, 9), line.indexOf('two'));
    assert.equal(cutAt(line, 10), line.indexOf('\\"', line.indexOf('two')));
    assert.equal(cutAt(line, 11), line.indexOf(' \\u00e9'));
  });

  it('cuts before a character whose bytes the limit splits', () => {
    // Content tokens from 4: x | 日 | 本 | 語 (first 2 bytes) | 語 (last byte)
    const raw = '{"messages":[{"role":"user","content":"x日本語"}]}';
    const escaped = '{"messages":[{"role":"user","content":"x日本\\u8a9e"}]}';
    assert.equal(cutAt(raw, 7), raw.indexOf('語'));
    assert.equal(cutAt(raw, 8), raw.indexOf('語'));
    assert.equal(cutAt(escaped, 8), escaped.indexOf('\\u8a9e'));
    assert.equal(cutAt(escaped, 6), escaped.indexOf('本'));
  });

  it('handles pretty-printed JSON and keys in any order', () => {
    const line = '{ "messages" : [ { "content" : "Hello world" , "role" : "user" } ] }';
    // content first: overhead 0–2, Hello 3, world 4, user 5, priming 6–8
    assert.equal(cutAt(line, 4), line.indexOf(' world'));
    assert.equal(cutAt(line, 5), line.indexOf('user'));
  });

  it('puts the extra name token after the name', () => {
    // overhead 0–2, user 3, Ann 4, name token 5, Hi 6, priming 7–9
    const line = '{"messages":[{"role":"user","name":"Ann","content":"Hi"}]}';
    assert.equal(cutAt(line, 4), line.indexOf('Ann'));
    assert.equal(cutAt(line, 5), line.indexOf('Ann') + 3);
    assert.equal(cutAt(line, 6), line.indexOf('Hi'));
  });

  it('points at an image, tool calls or tool definitions as a whole', () => {
    const image =
      '{"messages":[{"role":"user","content":[{"type":"text","text":"Look at this"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}]}';
    assert.equal(cutAt(image, 5), image.indexOf(' at'));
    assert.equal(cutAt(image, 10), image.indexOf('{"type":"image_url"'));
    const calls =
      '{"messages":[{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{}"}}]}]}';
    assert.equal(cutAt(calls, 6), calls.indexOf('[{"id"'));
    const tools = '{"messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function","function":{"name":"f"}}]}';
    assert.equal(cutAt(tools, 1), tools.indexOf('[{"type"'), 'definitions come first in training order');
  });

  it('follows the other formats', () => {
    // input: overhead 0–2, user 3, Hi 4; preferred: overhead 5–7, assistant 8, Hello 9, ! 10; priming 11–13
    const preference =
      '{"input":{"messages":[{"role":"user","content":"Hi"}]},"preferred_output":[{"role":"assistant","content":"Hello!"}],"non_preferred_output":[{"role":"assistant","content":"No"}]}';
    assert.equal(cutAt(preference, 10, 'preference'), preference.indexOf('!'));
    assert.equal(cutAt(preference, 11, 'preference'), preference.indexOf('],"non_preferred'));
    // prompt: Two | plus | two | is; completion: four
    const completion = '{"prompt":"Two plus two is","completion":" four"}';
    assert.equal(cutAt(completion, 2, 'completion'), completion.indexOf(' two'));
    assert.equal(cutAt(completion, 4, 'completion'), completion.indexOf(' four'));
  });

  it('finds the cut in a long example with the gpt-4o-mini limit', () => {
    const line = JSON.stringify({ messages: [{ role: 'user', content: 'Eat a banana!'.repeat(20_000) }] });
    const problem = tokenLimitProblem(line, 3, JSON.parse(line), 'chat', 'gpt-4o-mini', 65_536);
    // 3 + 1 + 4 × 20,000 + 3 tokens; token 65,536 is content token 65,532 = the start of repetition 16,383.
    assert.match(problem!.message, /has 80,007 tokens, over the 65,536-token example limit of gpt-4o-mini-2024-07-18/);
    assert.equal(problem!.range.start.character, line.indexOf('Eat') + 16_383 * 13);
  });

  it('moves forward (never back) as the limit grows', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const message = fc.record({ role: fc.constantFrom('system', 'user', 'assistant'), content: text });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), fc.boolean(), (messages, escapeAll) => {
        const json = JSON.stringify({ messages });
        const line = escapeAll
          ? json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
          : json;
        const total = countExampleTokens({ messages }, 'chat', cl100k)!.total;
        let previous = -1;
        for (let limit = 0; limit < total; limit++) {
          const start = cutAt(line, limit)!;
          assert.ok(start >= previous && start < line.length, `limit ${limit}: ${start} after ${previous}`);
          previous = start;
        }
      }),
      { numRuns: 40 },
    );
  });
});
