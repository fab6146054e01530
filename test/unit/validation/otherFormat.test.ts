import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { DatasetAnalysis } from '../../../src/core/analysis/datasetAnalysis';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import { validateText } from '../../../src/core/validation/validateText';
import { TempFolder } from '../curate/tempFiles';
import { padding } from './helpers';

const rows = (make: (i: number) => unknown, count = 12) =>
  Array.from({ length: count }, (_, i) => JSON.stringify(make(i)));

const FILES: Record<string, { lines: string[]; label: RegExp; convert: string }> = {
  alpaca: {
    lines: rows((i) => ({ instruction: `Do ${i}`, input: i % 2 ? '' : `with ${i}`, output: `Done ${i}` })),
    label: /Alpaca \(instruction\/input\/output\)/,
    convert: '--from alpaca --to chat',
  },
  sharegpt: {
    lines: rows((i) => ({
      conversations: [
        { from: 'human', value: `q${i}` },
        { from: 'gpt', value: `a${i}` },
      ],
    })),
    label: /ShareGPT/,
    convert: '--from sharegpt --to chat',
  },
  'question/answer': {
    lines: rows((i) => ({ question: `q${i}`, answer: `a${i}` })),
    label: /question\/answer/,
    convert: '--from json --user question --assistant answer --to chat',
  },
  'input/output': {
    lines: rows((i) => ({ input: `q${i}`, output: `a${i}` })),
    label: /input\/output/,
    convert: '--from json --user input --assistant output --to chat',
  },
};

describe("files in another tool's layout", () => {
  for (const [name, file] of Object.entries(FILES)) {
    it(`${name}: one ft.other-format problem on line 1 naming the layout and the convert command, nothing per line`, () => {
      // A broken line still gets its JSON error: that holds in any layout.
      const lines = [...file.lines, '{"instruction": "x",'];
      const result = validateText(lines.join('\n'));
      assert.deepEqual(
        result.problems.map((p) => `${p.range.start.line}:${p.code}`),
        ['0:ft.other-format', '12:ft.json-syntax'],
      );
      assert.match(result.problems[0]!.message, file.label);
      assert.ok(result.problems[0]!.message.includes(`finetune-studio convert FILE ${file.convert}`));
      assert.match(result.problems[0]!.message, /Fine-Tune: Convert to Chat JSONL…/);
      assert.equal(result.format, undefined);

      const analysis = new DatasetAnalysis({ format: undefined, severities: {}, tokens: undefined });
      const snapshot = analysis.refresh({ lineCount: lines.length, lineText: (i) => lines[i]! });
      assert.deepEqual(
        snapshot.problems.map((p) => `${p.range.start.line}:${p.code}`),
        ['0:ft.other-format', '12:ft.json-syntax'],
      );
    });
  }

  it('a chat file with a few lines of another layout is still a chat file with per-line problems', () => {
    const lines = [...padding('chat'), ...FILES.alpaca!.lines.slice(0, 3)];
    const result = validateText(lines.join('\n'));
    assert.equal(result.format, 'chat');
    assert.ok(!result.problems.some((p) => p.code === 'ft.other-format'));
    assert.ok(result.problems.some((p) => p.code === 'ft.missing-messages' && p.range.start.line === 10));
  });

  it('a forced format checks every line as that format', () => {
    const result = validateText(FILES.alpaca!.lines.join('\n'), { format: 'chat' });
    assert.ok(!result.problems.some((p) => p.code === 'ft.other-format'));
    assert.ok(result.problems.filter((p) => p.code === 'ft.missing-messages').length === 12);
  });

  it('Validate File and the CLI say it once, at the top', async () => {
    const temp = new TempFolder();
    try {
      const path = temp.file(`${FILES.alpaca!.lines.join('\n')}\n`);
      const result = await validateFile(path, { model: 'gpt-4o-mini' });
      assert.deepEqual(
        result.problems.map((p) => `${p.range.start.line}:${p.code}`),
        ['0:ft.other-format'],
      );
      let stdout = '';
      let stderr = '';
      const code = await runCli(['validate', path], {
        stdout: (t) => (stdout += t),
        stderr: (t) => (stderr += t),
        cwd: temp.path,
      });
      assert.equal(code, 1);
      assert.equal(stdout.trim().split('\n').length, 1);
      assert.match(stdout, /:1:1: error ft\.other-format .*finetune-studio convert FILE --from alpaca --to chat/);
      assert.match(stderr, /format Alpaca/);
    } finally {
      temp.remove();
    }
  });
});
