import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { dedupeDataset } from '../../../src/core/curate/dedupe';
import { mergeDatasets } from '../../../src/core/curate/merge';
import { writeOutputs } from '../../../src/core/curate/outputs';
import type { CurationReport } from '../../../src/core/curate/report';
import { sampleDataset } from '../../../src/core/curate/sample';
import { shuffleDataset } from '../../../src/core/curate/shuffle';
import { splitDataset } from '../../../src/core/curate/split';
import { dropOverTokenLimit } from '../../../src/core/curate/tokenLimit';
import type { OpenTemporary } from '../../../src/core/io/atomicWriter';
import { TempFolder, readText } from './tempFiles';

/** Each curation operation, run on `input` with its outputs in `folder` (names out-0.jsonl, out-1.jsonl). */
const OPERATIONS: Record<
  string,
  (input: string, out: string[], openTemporary?: OpenTemporary) => Promise<CurationReport>
> = {
  split: (input, [train, validation], openTemporary) =>
    splitDataset({ input, trainPath: train!, validationPath: validation!, ratio: 0.5, seed: 1, openTemporary }),
  dedupe: (input, [output], openTemporary) => dedupeDataset({ input, output: output!, mode: 'json', openTemporary }),
  sample: (input, [output], openTemporary) =>
    sampleDataset({ input, output: output!, count: 5, seed: 1, openTemporary }),
  shuffle: (input, [output], openTemporary) => shuffleDataset({ input, output: output!, seed: 1, openTemporary }),
  merge: (input, [output], openTemporary) => mergeDatasets({ inputs: [input, input], output: output!, openTemporary }),
  dropOverLimit: (input, [output], openTemporary) =>
    dropOverTokenLimit({ input, output: output!, limit: 1, countTokens: () => 1, openTemporary }),
};

const outputCount = (name: string): number => (name === 'split' ? 2 : 1);

/** An `openTemporary` whose `n`-th file (0-based) fails every write with ENOSPC, as a full disk does. */
function diskFullOnFile(n: number): OpenTemporary {
  let opened = 0;
  return async (path, mode) => {
    const handle: FileHandle = await open(path, 'wx', mode);
    if (opened++ === n) {
      handle.write = () => {
        const error = new Error(`ENOSPC: no space left on device, write`) as NodeJS.ErrnoException;
        error.code = 'ENOSPC';
        return Promise.reject(error);
      };
    }
    return handle;
  };
}

describe('curation outputs: all or nothing', () => {
  let temp: TempFolder;
  beforeEach(() => {
    temp = new TempFolder();
  });
  afterEach(() => temp.remove());

  function oldOutputs(count: number): string[] {
    return Array.from({ length: count }, (_, i) => temp.file(`old ${i}\n`, `out-${i}.jsonl`));
  }

  for (const [name, run] of Object.entries(OPERATIONS)) {
    for (const [what, content] of [
      ['an empty input', ''],
      ['an input of blank lines', '\n  \n\t\r\n'],
    ] as const) {
      it(`${name} on ${what} writes nothing and leaves existing outputs as they were`, async () => {
        const input = temp.file(content, 'in.jsonl');
        const outputs = oldOutputs(outputCount(name));
        const report = await run(input, outputs);
        assert.deepEqual(report.outputs, []);
        assert.equal(report.written, 0);
        outputs.forEach((output, i) => assert.equal(readText(output), `old ${i}\n`));
        assert.deepEqual(readdirSync(temp.path).sort(), ['in.jsonl', ...outputs.map((_, i) => `out-${i}.jsonl`)]);
      });
    }

    it(`${name}: a full disk leaves every existing output as it was and no temporary file`, async () => {
      const input = temp.file(Array.from({ length: 20 }, (_, i) => `{"i":${i}}\n`).join(''), 'in.jsonl');
      const outputs = oldOutputs(outputCount(name));
      const failing = outputs.length - 1;
      await assert.rejects(run(input, outputs, diskFullOnFile(failing)), (error: Error) => {
        assert.match(error.message, /the disk is full \(ENOSPC\)/);
        // The message names the user's output, not the hidden temporary file.
        assert.ok(error.message.includes(outputs[failing]!), error.message);
        assert.doesNotMatch(error.message, /\.tmp/);
        return true;
      });
      outputs.forEach((output, i) => assert.equal(readText(output), `old ${i}\n`));
      assert.deepEqual(readdirSync(temp.path).sort(), ['in.jsonl', ...outputs.map((_, i) => `out-${i}.jsonl`)]);
    });
  }

  it('dropOverLimit writes nothing when every example is over the limit', async () => {
    const input = temp.file('{"a":1}\n{"b":2}\n', 'in.jsonl');
    const [output] = oldOutputs(1);
    const report = await dropOverTokenLimit({ input, output: output!, limit: 1, countTokens: () => 5 });
    assert.deepEqual(report.outputs, []);
    assert.equal(report.skippedCount, 2);
    assert.equal(readText(output!), 'old 0\n');
  });

  it('puts back the outputs already replaced when a later rename fails', async () => {
    const [train, validation] = oldOutputs(2);
    const fresh = join(temp.path, 'new.jsonl');
    await assert.rejects(
      writeOutputs([train!, fresh, validation!], { protectedPaths: [] }, (writers) => {
        for (const writer of writers) writer.write('new');
        // After the writers opened their targets, the last one becomes a folder that a rename cannot replace.
        rmSync(validation!);
        mkdirSync(validation!);
        writeFileSync(join(validation!, 'keep'), 'x');
        return Promise.resolve();
      }),
      /Cannot write .*out-1\.jsonl/,
    );
    assert.equal(readText(train!), 'old 0\n');
    assert.deepEqual(readdirSync(temp.path).sort(), ['out-0.jsonl', 'out-1.jsonl']);
  });

  it('refuses two outputs that are one file through a symbolic link, leaving it as it was', async () => {
    const input = temp.file('{"a":1}\n{"b":2}\n', 'in.jsonl');
    const [train] = oldOutputs(1);
    const alias = join(temp.path, 'alias.jsonl');
    symlinkSync(train!, alias);
    await assert.rejects(
      splitDataset({ input, trainPath: train!, validationPath: alias, ratio: 0.5, seed: 1 }),
      /The outputs must be different files/,
    );
    assert.equal(readText(train!), 'old 0\n');
    assert.deepEqual(readdirSync(temp.path).sort(), ['alias.jsonl', 'in.jsonl', 'out-0.jsonl']);
  });

  it('names a missing input in plain words, for every operation', async () => {
    const missing = join(temp.path, 'missing.jsonl');
    for (const [name, run] of Object.entries(OPERATIONS)) {
      await assert.rejects(run(missing, oldOutputs(outputCount(name))), {
        message: `Cannot read ${missing}: no such file or folder (ENOENT)`,
      });
    }
  });
});
