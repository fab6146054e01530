import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { pairKey, type ResultRecord } from '../../../src/core/batch/batchTypes';
import {
  isFinished,
  parseResult,
  readResults,
  ResultsAppender,
  serializeResult,
  type ResultsRead,
} from '../../../src/core/batch/resultsFile';
import { FileError } from '../../../src/core/io/fileErrors';
import { TempFolder, readBytes, readText } from '../curate/tempFiles';

function record(
  promptKey: string,
  label: string,
  outcome: { text: string } | { error: string },
  extra: Partial<ResultRecord> = {},
): ResultRecord {
  const base = {
    v: 1 as const,
    prompt: {
      index: 0,
      source: 'line 1',
      key: promptKey,
      turns: [{ role: 'user' as const, content: `Question ${promptKey} — é 日本 😀` }],
      reference: 'Ref',
    },
    model: { label, connection: 'openai', model: 'gpt-4o-mini', parameters: { temperature: 0.2, stop: ['\n\n'] } },
    request: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Question' }] },
    latencyMs: 812,
    finishedAt: '2026-12-06T22:00:00.000Z',
    ...extra,
  };
  return 'text' in outcome
    ? {
        ...base,
        response: {
          text: outcome.text,
          finishReason: 'stop',
          usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 },
        },
      }
    : { ...base, error: { message: outcome.error, status: 429 } };
}

const A = record('aaaaaaaaaaaaaaaa', 'gpt-4o-mini', { text: 'Answer\nwith lines\r\nand \u2028 separators' });
const B = record('bbbbbbbbbbbbbbbb', 'gpt-4o-mini', { error: 'Rate limited' });
const C = record('aaaaaaaaaaaaaaaa', 'gpt-4o-mini #2', { text: 'Ünïcödé 😀' });

const fileOf = (...records: ResultRecord[]): string => records.map((r) => `${serializeResult(r)}\n`).join('');

/** What readResults should give for these records, the file ending after the last of them. */
function expectedRead(records: readonly ResultRecord[], validBytes: number, badLines: number[] = []): ResultsRead {
  const finished = new Set(records.filter(isFinished).map((r) => pairKey(r.prompt.key, r.model.label)));
  return { records: [...records], finished, validBytes, badLines };
}

// Records as they come back from JSON: optional fields left out rather than undefined, -0 read as 0.
const text = fc.string({ unit: 'binary', maxLength: 12 });
const number = fc.double({ noNaN: true, noDefaultInfinity: true });
const arbitraryRecord: fc.Arbitrary<ResultRecord> = fc
  .record(
    {
      v: fc.constant(1 as const),
      prompt: fc.record(
        {
          index: fc.nat(),
          source: text,
          key: fc.stringMatching(/^[0-9a-f]{16}$/),
          turns: fc.array(
            fc.record({
              role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const),
              content: text,
            }),
            { maxLength: 3 },
          ),
          reference: text,
        },
        { requiredKeys: ['index', 'source', 'key', 'turns'] },
      ),
      model: fc.record({
        label: text,
        connection: text,
        model: text,
        parameters: fc.record(
          { temperature: number, topP: number, maxTokens: fc.nat(), seed: fc.integer(), stop: fc.array(text) },
          { requiredKeys: [] },
        ),
      }),
      request: fc.dictionary(text, fc.jsonValue(), { maxKeys: 3 }),
      response: fc.record(
        {
          text,
          finishReason: fc.option(text, { nil: null }),
          usage: fc.record({ promptTokens: fc.nat(), completionTokens: fc.nat(), totalTokens: fc.nat() }),
          id: text,
          model: text,
        },
        { requiredKeys: ['text', 'finishReason'] },
      ),
      latencyMs: fc.nat(),
      error: fc.record({ message: text, status: fc.nat() }, { requiredKeys: ['message'] }),
      finishedAt: text,
    },
    { requiredKeys: ['v', 'prompt', 'model', 'request', 'latencyMs', 'finishedAt'] },
  )
  .map((value) => JSON.parse(JSON.stringify(value)) as ResultRecord);

describe('results file', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  describe('serializeResult / parseResult', () => {
    it('round-trips any record through one line without a line break', () => {
      fc.assert(
        fc.property(arbitraryRecord, (value) => {
          const line = serializeResult(value);
          assert.equal(/[\n\r]/.test(line), false);
          assert.deepEqual(parseResult(line), value);
        }),
      );
    });

    it('reads a line with a CRLF ending', () => {
      assert.deepEqual(parseResult(`${serializeResult(B)}\r`), B);
    });

    it('refuses what is not JSON or not shaped like a record', () => {
      const line = (value: unknown) => JSON.stringify(value);
      const with_ = (changes: Record<string, unknown>) => line({ ...A, ...changes });
      const refused: string[] = [
        '',
        'not json',
        `${serializeResult(A)}x`,
        line([A]),
        line(null),
        with_({ v: 2 }),
        with_({ v: '1' }),
        with_({ prompt: undefined }),
        with_({ prompt: { ...A.prompt, index: -1 } }),
        with_({ prompt: { ...A.prompt, index: 1.5 } }),
        with_({ prompt: { ...A.prompt, key: 7 } }),
        with_({ prompt: { ...A.prompt, turns: [{ role: 'tool', content: 'x' }] } }),
        with_({ prompt: { ...A.prompt, turns: [{ role: 'user', content: null }] } }),
        with_({ prompt: { ...A.prompt, reference: 3 } }),
        with_({ model: { ...A.model, label: undefined } }),
        with_({ model: { ...A.model, parameters: null } }),
        with_({ model: { ...A.model, parameters: { temperature: '0.2' } } }),
        with_({ model: { ...A.model, parameters: { stop: 'x' } } }),
        with_({ request: 'body' }),
        with_({ response: { ...A.response, text: undefined } }),
        with_({ response: { ...A.response, finishReason: undefined } }),
        with_({ response: { ...A.response, usage: { promptTokens: 1, completionTokens: 2 } } }),
        with_({ response: { ...A.response, id: 5 } }),
        with_({ latencyMs: '812' }),
        with_({ latencyMs: undefined }),
        with_({ error: { status: 500 } }),
        with_({ error: { message: 'x', status: '500' } }),
        with_({ finishedAt: undefined }),
      ];
      for (const text of refused) assert.equal(parseResult(text), undefined, text);
    });

    it('accepts a record with neither response nor error, and a null finish reason', () => {
      const bare = { v: A.v, prompt: A.prompt, model: A.model, request: A.request, latencyMs: 5, finishedAt: 'now' };
      assert.deepEqual(parseResult(line(bare)), bare);
      const nullReason = { ...A, response: { text: '', finishReason: null } };
      assert.deepEqual(parseResult(line(nullReason)), nullReason);
      function line(value: unknown): string {
        return JSON.stringify(value);
      }
    });
  });

  describe('readResults', () => {
    it('reads a missing file (or folder) as empty', async () => {
      assert.deepEqual(await readResults(temp.target('missing.jsonl')), expectedRead([], 0));
      assert.deepEqual(await readResults(join(temp.path, 'no', 'such.jsonl')), expectedRead([], 0));
    });

    it('reports the records read so far after each batch, ending with every record and the whole file', async () => {
      const many = Array.from({ length: 3_000 }, (_, i) => ({ ...A, latencyMs: i }));
      const content = fileOf(...many);
      const seen: [number, number][] = [];
      const read = await readResults(temp.file(content, 'many.jsonl'), {
        onProgress: (records, bytesRead) => {
          seen.push([records.length, bytesRead]);
        },
      });
      assert.ok(seen.length > 1, 'more than one batch');
      assert.deepEqual(seen.at(-1), [3_000, Buffer.byteLength(content)]);
      for (let i = 1; i < seen.length; i++) assert.ok(seen[i]![0] >= seen[i - 1]![0] && seen[i]![1] >= seen[i - 1]![1]);
      assert.equal(read.records.length, 3_000);
    });

    it('counts a pair finished when a record has a response and no error, whatever came after', async () => {
      const laterFailure = record('aaaaaaaaaaaaaaaa', 'gpt-4o-mini', { error: 'timeout' });
      const both = { ...B, response: { text: 'partial', finishReason: null } };
      const content = fileOf(A, B, C, laterFailure, both);
      const read = await readResults(temp.file(content, 'results.jsonl'));
      assert.deepEqual(read, expectedRead([A, B, C, laterFailure, both], Buffer.byteLength(content)));
      assert.deepEqual([...read.finished].sort(), [
        'aaaaaaaaaaaaaaaa\u0000gpt-4o-mini',
        'aaaaaaaaaaaaaaaa\u0000gpt-4o-mini #2',
      ]);
    });

    it('lists complete lines that are not records by 1-based number, passing over blank lines and CRLF', async () => {
      const bytes = Buffer.concat([
        Buffer.from(`${serializeResult(A)}\r\n`),
        Buffer.from('\n  \r\n'),
        Buffer.from('{"v":1}\n'),
        Buffer.from('"'),
        Buffer.from([0xff]),
        Buffer.from('"\n'),
        Buffer.from(`${serializeResult(B)}\n`),
        Buffer.from('{"half":'),
      ]);
      const path = temp.file(bytes, 'results.jsonl');
      assert.deepEqual(await readResults(path), expectedRead([A, B], bytes.length - '{"half":'.length, [4, 5]));
    });

    it('reads a file of many chunks', async () => {
      const records = Array.from({ length: 3000 }, (_, i) =>
        record(i.toString(16).padStart(16, '0'), 'm', { text: 'x'.repeat(400) }),
      );
      const content = fileOf(...records);
      const read = await readResults(temp.file(content, 'results.jsonl'));
      assert.equal(Buffer.byteLength(content) > 1024 * 1024, true);
      assert.deepEqual(read, expectedRead(records, Buffer.byteLength(content)));
    });

    it('gives, for a file cut at every byte, exactly the records whose line ended before the cut', async () => {
      const whole = Buffer.from(fileOf(A, B, C));
      const lineEnds = [0];
      for (let at = whole.indexOf(10); at !== -1; at = whole.indexOf(10, at + 1)) lineEnds.push(at + 1);
      const path = temp.target('cut.jsonl');
      for (let cut = 0; cut <= whole.length; cut++) {
        writeFileSync(path, whole.subarray(0, cut));
        const complete = lineEnds.filter((end) => end <= cut).length - 1;
        const read = await readResults(path);
        assert.deepEqual(read, expectedRead([A, B, C].slice(0, complete), lineEnds[complete]!), `cut at ${cut}`);
      }
    });

    it('gives the complete records of any records cut anywhere', async () => {
      const path = temp.target('cut.jsonl');
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryRecord, { minLength: 1, maxLength: 4 }), fc.nat(), async (records, at) => {
          const whole = Buffer.from(fileOf(...records));
          const cut = at % (whole.length + 1);
          writeFileSync(path, whole.subarray(0, cut));
          const ends = records.map((_, i) => Buffer.byteLength(fileOf(...records.slice(0, i + 1))));
          const complete = ends.filter((end) => end <= cut).length;
          const read = await readResults(path);
          assert.deepEqual(read, expectedRead(records.slice(0, complete), complete === 0 ? 0 : ends[complete - 1]!));
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('ResultsAppender', () => {
    it('after a cut, keeps the complete records and adds the new ones, never a broken line', async () => {
      const path = temp.target('results.jsonl');
      const old = [A, B, C];
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(arbitraryRecord, { minLength: 1, maxLength: 3 }), async (at, fresh) => {
          const whole = Buffer.from(fileOf(...old));
          const cut = at % (whole.length + 1);
          writeFileSync(path, whole.subarray(0, cut));
          const before = await readResults(path);
          const appender = await ResultsAppender.open(path, { validBytes: before.validBytes });
          for (const next of fresh) await appender.append(next);
          await appender.close();
          const kept = before.records;
          const content = readBytes(path);
          assert.deepEqual(
            content,
            Buffer.concat([whole.subarray(0, before.validBytes), Buffer.from(fileOf(...fresh))]),
          );
          assert.deepEqual(await readResults(path), expectedRead([...kept, ...fresh], content.length));
        }),
        { numRuns: 150 },
      );
    });

    it('writes lines in the order append is called, also when the calls do not wait', async () => {
      const path = temp.target('results.jsonl');
      const appender = await ResultsAppender.open(path, { validBytes: 0 });
      const records = Array.from({ length: 200 }, (_, i) =>
        record(i.toString(16).padStart(16, '0'), `model ${i % 3}`, { text: 'y'.repeat(i * 50) }),
      );
      await Promise.all(records.map((next) => appender.append(next)));
      await appender.close();
      assert.equal(readText(path), fileOf(...records));
    });

    it('creates a missing file', async () => {
      const path = temp.target('new.jsonl');
      const appender = await ResultsAppender.open(path, { validBytes: 0 });
      await appender.append(A);
      await appender.close();
      assert.equal(readText(path), fileOf(A));
    });

    it('starts a new line when the file changed since it was read and now ends inside a line', async () => {
      const path = temp.file(fileOf(A), 'results.jsonl');
      const { validBytes } = await readResults(path);
      appendFileSync(path, '{"partial":');
      const appender = await ResultsAppender.open(path, { validBytes: validBytes + 100 });
      await appender.append(B);
      await appender.close();
      assert.equal(readText(path), `${fileOf(A)}{"partial":\n${fileOf(B)}`);
      assert.deepEqual(await readResults(path), expectedRead([A, B], readBytes(path).length, [2]));
    });

    it('cuts off a line whose write failed half way, and goes on with the next', async () => {
      const path = temp.file(fileOf(A), 'results.jsonl');
      let failures = 1;
      const openFile = async (file: string): Promise<FileHandle> => {
        const handle = await open(file, 'a+');
        const write = handle.write.bind(handle) as (...args: unknown[]) => Promise<{ bytesWritten: number }>;
        // The first line: half of it is written, then the disk is full.
        handle.write = (async (buffer: Uint8Array, offset: number, length: number, position: null) => {
          if (failures > 0 && offset > 0) {
            failures--;
            const error = new Error('ENOSPC: no space left on device, write') as NodeJS.ErrnoException;
            error.code = 'ENOSPC';
            throw error;
          }
          const half = failures > 0 ? Math.ceil(length / 2) : length;
          return write(buffer, offset, half, position);
        }) as FileHandle['write'];
        return handle;
      };
      const appender = await ResultsAppender.open(path, { validBytes: Buffer.byteLength(fileOf(A)), openFile });
      await assert.rejects(appender.append(B), { message: `Cannot write ${path}: the disk is full (ENOSPC)` });
      assert.equal(readText(path), fileOf(A));
      await appender.append(C);
      await appender.close();
      assert.equal(readText(path), fileOf(A, C));
    });

    it('refuses appends after close, naming the file; closing twice is fine', async () => {
      const path = temp.target('results.jsonl');
      const appender = await ResultsAppender.open(path, { validBytes: 0 });
      await appender.close();
      await appender.close();
      await assert.rejects(appender.append(A), { message: `Cannot write ${path}: it was closed` });
    });

    it('names the file when it cannot be opened', async () => {
      const path = join(temp.path, 'no', 'such', 'results.jsonl');
      await assert.rejects(
        ResultsAppender.open(path, { validBytes: 0 }),
        (error: unknown) =>
          error instanceof FileError && error.message === `Cannot write ${path}: no such file or folder (ENOENT)`,
      );
    });
  });
});
