import * as assert from 'node:assert/strict';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import type { Problem } from '../../../src/core/problem';
import { validateText } from '../../../src/core/validation/validateText';
import { TempFolder } from '../curate/tempFiles';
import { padding } from '../validation/helpers';

const summary = (problems: readonly Problem[]) =>
  problems.map((p) => [p.code, p.range.start.line, p.range.start.character, p.range.end.character]);

const MIXED = [
  ...padding('chat'),
  '',
  '{"messages":[{"role":"User","content":"é😀"},{"role":"assistant","content":"b"}],"meta":1}',
  '{"messages": [',
  padding('chat')[1] ?? '',
].join('\n');

describe('validateFile (single thread): line and file checks from disk', () => {
  let temp: TempFolder;

  before(() => (temp = new TempFolder()));
  after(() => temp.remove());

  for (const readBytes of [1, 3, 7, 64, 100_000]) {
    it(`gives the same problems as validateText whatever the read size (${readBytes})`, async () => {
      const result = await validateFile(temp.file(MIXED), { readBytes });
      const expected = validateText(MIXED);
      assert.equal(result.format, 'chat');
      assert.deepEqual(summary(result.problems), summary(expected.problems));
      assert.equal(result.lines, 14);
      assert.equal(result.examples, 12);
      assert.equal(result.bytes, Buffer.byteLength(MIXED));
    });
  }

  it('accepts CRLF line ends exactly like LF', async () => {
    const result = await validateFile(temp.file(MIXED.replace(/\n/g, '\r\n')), { readBytes: 5 });
    assert.deepEqual(summary(result.problems), summary(validateText(MIXED).problems));
  });

  it('reports a UTF-8 BOM at the start of the file as an error and checks the rest', async () => {
    const result = await validateFile(temp.file(`\uFEFF${padding('chat').join('\n')}`), { readBytes: 2 });
    assert.deepEqual(summary(result.problems), [['ft.bom', 0, 0, 1]]);
    assert.equal(result.problems[0]?.severity, 'error');
    assert.equal(result.examples, 10);
  });

  it('reports invalid UTF-8 with its byte offset in the file and still checks the line', async () => {
    const lines = padding('chat');
    const prefix = Buffer.from(`${lines.slice(0, 3).join('\n')}\n{"messages":[{"role":"user","content":"é`, 'utf8');
    const rest = Buffer.from(`"},{"role":"assistant","content":"b"}]}\n${lines.slice(3).join('\n')}`, 'utf8');
    const result = await validateFile(temp.file(Buffer.concat([prefix, Buffer.from([0xff]), rest])), { readBytes: 10 });
    assert.deepEqual(summary(result.problems), [['ft.invalid-utf8', 3, 40, 41]]);
    assert.equal(
      result.problems[0]?.message,
      `Invalid UTF-8 (byte 0xFF) at byte offset ${prefix.length} of the file; save it as UTF-8`,
    );
    assert.equal(result.examples, 11);
    const valid = await validateFile(temp.file(Buffer.concat([prefix, Buffer.from('é'), rest])), { readBytes: 1 });
    assert.equal(valid.counts['ft.invalid-utf8'], undefined);
  });

  it('reports a line longer than the cap instead of failing, and goes on', async () => {
    const huge = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(5000) }] });
    const path = temp.file([...padding('chat'), huge, '{"messages": ['].join('\n'));
    const result = await validateFile(path, { readBytes: 64, maxLineBytes: 1000 });
    assert.deepEqual(summary(result.problems), [
      ['ft.line-too-long', 10, 0, 0],
      ['ft.json-syntax', 11, 13, 14],
    ]);
    assert.match(result.problems[0]?.message ?? '', /^Line is 5043 bytes, more than the 1000-byte limit/);
    assert.equal(result.lines, 12);
    const roomy = await validateFile(path, { readBytes: 64, maxLineBytes: 10_000 });
    assert.deepEqual(summary(roomy.problems), [
      ['ft.missing-assistant', 10, 1, 11],
      ['ft.json-syntax', 11, 13, 14],
    ]);
  });

  it('caps kept problems per code but counts them all, after severities', async () => {
    const text = [
      ...padding('chat'),
      ...Array.from({ length: 30 }, () => '[]'),
      ...Array.from({ length: 5 }, () => ''),
    ].join('\n');
    const result = await validateFile(temp.file(text), {
      readBytes: 50,
      maxProblemsPerCode: 4,
      severities: { 'ft.blank-line': 'off', 'ft.not-an-object': 'warning' },
    });
    assert.deepEqual(result.counts, { 'ft.not-an-object': 30 });
    assert.equal(result.problems.length, 4);
    assert.ok(result.problems.every((p) => p.code === 'ft.not-an-object' && p.severity === 'warning'));
  });

  it('uses a forced format and reports progress in bytes, up to the file size', async () => {
    const text = padding('chat').join('\n');
    const seen: [number, number][] = [];
    const result = await validateFile(temp.file(text), {
      readBytes: 100,
      format: 'rft',
      onProgress: (bytes, total) => seen.push([bytes, total]),
    });
    assert.equal(result.format, 'rft');
    assert.equal(result.counts['ft.rft-last-message'], 10);
    const bytes = seen.map(([read]) => read);
    assert.deepEqual(
      bytes,
      [...bytes].sort((a, b) => a - b),
    );
    assert.deepEqual(seen[seen.length - 1], [Buffer.byteLength(text), Buffer.byteLength(text)]);
  });

  it('finds duplicates across the whole file', async () => {
    const pad = padding('chat');
    const lines = [
      ...pad,
      ...Array.from({ length: 200 }, (_, i) =>
        JSON.stringify({
          messages: [
            { role: 'user', content: `q${i}` },
            { role: 'assistant', content: 'a' },
          ],
        }),
      ),
      pad[7] ?? '',
    ];
    const result = await validateFile(temp.file(lines.join('\n')), { readBytes: 333 });
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.range.start.line, p.message]),
      [['ft.duplicate-example', 210, 'Exact duplicate of line 8']],
    );
  });

  it('keeps the first lines of each code when it caps', async () => {
    const pad = padding('chat');
    const lines = [...pad, ...Array.from({ length: 50 }, (_, i) => pad[9 - (i % 10)] ?? '')];
    const result = await validateFile(temp.file(lines.join('\n')), { readBytes: 4096, maxProblemsPerCode: 3 });
    assert.deepEqual(result.counts, { 'ft.duplicate-example': 50 });
    assert.deepEqual(
      result.problems.map((p) => p.range.start.line),
      [10, 11, 12],
    );
  });

  it('handles an empty file', async () => {
    const result = await validateFile(temp.file(''));
    assert.deepEqual(summary(result.problems), [['ft.too-few-examples', 0, 0, 0]]);
    assert.deepEqual([result.lines, result.examples, result.bytes, result.format], [0, 0, 0, undefined]);
  });

  it('stops promptly with an AbortError when the signal aborts mid-file', async () => {
    const path = temp.file(`${padding('chat', 2000).join('\n')}\n`);
    const controller = new AbortController();
    let reads = 0;
    const onProgress = () => {
      reads++;
      if (reads === 3) controller.abort();
    };
    await assert.rejects(validateFile(path, { readBytes: 1024, signal: controller.signal, onProgress }), {
      name: 'AbortError',
    });
    assert.equal(reads, 3);
  });
});
