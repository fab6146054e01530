import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { validateFile } from '../../../src/core/pipeline/validateFile';
import { TempFolder } from '../curate/tempFiles';

const lines = Array.from({ length: 12 }, (_, i) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: `q${i}` },
      { role: 'assistant', content: `a${i}` },
    ],
  }),
);
const text = `${lines.join('\n')}\n`;

function utf16be(value: string): Buffer {
  const le = Buffer.from(value, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
}

describe('files that are not UTF-8 JSONL as a whole', () => {
  let temp: TempFolder;
  before(() => (temp = new TempFolder()));
  after(() => temp.remove());

  const cases: [string, () => Buffer, string, RegExp][] = [
    [
      'UTF-16 LE with a BOM',
      () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      'ft.utf16',
      /This file is UTF-16 LE; save it as UTF-8/,
    ],
    [
      'UTF-16 LE without a BOM',
      () => Buffer.from(text, 'utf16le'),
      'ft.utf16',
      /This file is UTF-16 LE; save it as UTF-8/,
    ],
    [
      'UTF-16 BE with a BOM',
      () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
      'ft.utf16',
      /This file is UTF-16 BE; save it as UTF-8/,
    ],
    [
      'CR-only line endings',
      () => Buffer.from(text.replace(/\n/g, '\r')),
      'ft.cr-line-endings',
      /CR-only line endings \(classic Mac OS\)/,
    ],
  ];
  for (const [name, bytes, code, message] of cases) {
    it(`${name}: one problem naming it, instead of an error per line (Validate File and CLI, with statistics)`, async () => {
      const path = temp.file(bytes());
      const result = await validateFile(path, { model: 'gpt-4o-mini' });
      assert.deepEqual(
        result.problems.map((p) => [p.range.start.line, p.code]),
        [[0, code]],
      );
      assert.match(result.problems[0]!.message, message);
      assert.equal(result.problems[0]!.severity, 'error');
      assert.equal(result.stats?.examples, 0);
      let stdout = '';
      const exit = await runCli(['validate', path], { stdout: (t) => (stdout += t), stderr: () => {}, cwd: temp.path });
      assert.equal(exit, 1);
      assert.equal(stdout.trim().split('\n').length, 1);
      assert.match(stdout, new RegExp(`:1:1: error ${code.replace('.', '\\.')} `));
    });
  }

  it('CRLF and ordinary UTF-8 files are validated as usual', async () => {
    for (const content of [text, text.replace(/\n/g, '\r\n')]) {
      const result = await validateFile(temp.file(content));
      assert.deepEqual(result.problems, []);
      assert.equal(result.examples, 12);
    }
  });
});
