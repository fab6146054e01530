import * as assert from 'node:assert/strict';
import { MAX_SKIPPED_ENTRIES } from '../../../src/core/convert/model';
import { convertText, jsonl } from './helpers';

describe('JSONL conversion driver', () => {
  it('copies valid chat lines byte for byte, skips the rest with one-based line numbers', async () => {
    const valid =
      '{ "messages" : [{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}], "weight": 1 }';
    const text = [
      valid,
      '',
      '{"messages":[]}',
      'not json',
      '   ',
      '{"messages":[{"role":"user","content":"only a question"}]}',
      '[1,2]',
      valid,
    ].join('\r\n');
    const { lines, report } = await convertText(text, { from: 'chat', to: 'chat' }, 5);
    assert.deepEqual(lines, [valid, valid]);
    assert.equal(report.read, 6, 'blank lines are not rows');
    assert.equal(report.written, 2);
    assert.equal(report.skippedCount, 4);
    assert.deepEqual(
      report.skipped.map((entry) => entry.line),
      [3, 4, 6, 7],
    );
    assert.equal(report.skipped[0]!.reason, 'no "messages" list');
    assert.match(report.skipped[1]!.reason, /^not valid JSON: /);
    assert.equal(report.skipped[2]!.reason, 'no assistant message');
    assert.equal(report.skipped[3]!.reason, 'not a JSON object');
  });

  it('reports invalid UTF-8 and strips a BOM on the first line', async () => {
    const good = JSON.stringify({
      messages: [
        { role: 'user', content: 'é' },
        { role: 'assistant', content: 'ok' },
      ],
    });
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(good + '\n'),
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
    ]);
    const { lines, report } = await convertText(bytes, { from: 'chat', to: 'chat' }, 3);
    assert.deepEqual(lines, [good]);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'line is not valid UTF-8' }]);
  });

  it('caps the listed skips but counts all of them', async () => {
    const text = Array.from({ length: MAX_SKIPPED_ENTRIES + 5 }, () => '{}').join('\n');
    const { report } = await convertText(text, { from: 'sharegpt', to: 'chat' }, 4096);
    assert.equal(report.skippedCount, MAX_SKIPPED_ENTRIES + 5);
    assert.equal(report.skipped.length, MAX_SKIPPED_ENTRIES);
    assert.equal(report.skipped[MAX_SKIPPED_ENTRIES - 1]!.line, MAX_SKIPPED_ENTRIES);
  });

  it('stops with the abort reason and reports progress in bytes', async () => {
    const text = jsonl(Array.from({ length: 50 }, () => ({ instruction: 'a', output: 'b' })));
    const progress: number[] = [];
    const converted = await convertText(text, { from: 'alpaca', to: 'chat' }, 100, {
      onProgress: (bytes) => progress.push(bytes),
    });
    assert.equal(converted.report.written, 50);
    assert.equal(progress[progress.length - 1], Buffer.byteLength(text));
    const controller = new AbortController();
    controller.abort(new Error('stop now'));
    await assert.rejects(
      convertText(text, { from: 'alpaca', to: 'chat' }, 100, { signal: controller.signal }),
      /stop now/,
    );
  });
});
