import * as assert from 'node:assert/strict';
import { CompactBatchWriter, forEachLine, type CompactLine } from '../../../src/core/pipeline/compactBatch';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';

describe('CompactBatch', () => {
  it('carries every field the file checks and statistics read, through a structured clone', () => {
    const texts = [
      JSON.stringify({
        messages: [
          { role: 'system', content: 's' },
          { role: 'user', content: 'u' },
          { role: 'assistant', content: 'a' },
        ],
      }),
      '',
      '{"messages": [',
      JSON.stringify({ messages: [{ role: 'user', content: 'grade' }], reference: 'x' }),
      JSON.stringify({ prompt: 'p ->', completion: ' c\n' }),
    ];
    const formats = ['chat', 'chat', 'chat', 'rft', 'completion'] as const;
    const analyses = texts.map((text, i) => analyzeLine(text, 40 + i, formats[i], 'sketch'));
    const places = texts.map((_text, i) => ({ byteOffset: 2 ** 33 + i * 100, byteLength: 90 + i }));
    const tokens = { total: 17, assistant: 4, messages: 3, hasSystem: true, hasUser: false };
    const writer = new CompactBatchWriter(7, 40, texts.length);
    analyses.forEach((analysis, row) => writer.set(row, analysis, row === 0 ? tokens : undefined, places[row]!));
    const { batch, transfer } = writer.finish();
    const received = structuredClone(batch, { transfer });
    const lines: CompactLine[] = [];
    // The visitor gets one object refilled per row: keep copies.
    forEachLine(received, (line) => lines.push({ ...line, tokens: line.tokens && { ...line.tokens } }));

    assert.equal(lines.length, texts.length);
    analyses.forEach(({ value: _value, ...expected }, i) => {
      const line = lines[i]!;
      for (const key of [
        'line',
        'length',
        'kind',
        'shape',
        'checkedAs',
        'exampleSketch',
        'promptSketch',
        'referenceKeys',
        'completion',
      ] as const) {
        assert.deepEqual(line[key], expected[key], `row ${i} ${key}`);
      }
      assert.deepEqual(
        [line.byteOffset, line.byteLength],
        [places[i]!.byteOffset, places[i]!.byteLength],
        `row ${i} place`,
      );
      assert.deepEqual(line.problems, expected.problems, `row ${i} problems`);
    });
    // Sketches present where exact keys would be: the chat example has a prompt, the completion row has one too.
    assert.deepEqual(
      lines.map((l) => [l.exampleSketch !== undefined, l.promptSketch !== undefined]),
      [
        [true, true],
        [false, false],
        [false, false],
        [true, true],
        [true, true],
      ],
    );
    assert.deepEqual(lines[0]!.tokens, tokens);
    assert.equal(lines[1]!.tokens, undefined);
  });
});
