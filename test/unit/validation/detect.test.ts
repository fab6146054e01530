import * as assert from 'node:assert/strict';
import { FORMAT_DETECTION_SAMPLE as DETECTION_SAMPLE } from '../../../src/core/defaults';
import { detectFormat } from '../../../src/core/format/detect';
import { checkedFormat } from '../../../src/core/format/lineShape';
import { analyzeLine } from '../../../src/core/validation/lineAnalysis';
import { validateText } from '../../../src/core/validation/validateText';
import { padding } from './helpers';

const analyses = (lines: readonly string[]) => lines.map((text, line) => analyzeLine(text, line, undefined));

describe('format detection', () => {
  it('recognises each format from its lines', () => {
    for (const format of ['chat', 'rft', 'preference', 'completion'] as const) {
      assert.equal(detectFormat(analyses(padding(format))), format);
    }
  });

  it('tells RFT from chat by how most conversations end', () => {
    const chat = padding('chat', 3);
    const rft = padding('rft', 2);
    assert.equal(detectFormat(analyses([...chat, ...rft])), 'chat');
    assert.equal(detectFormat(analyses([...padding('chat', 2), ...padding('rft', 3)])), 'rft');
    assert.equal(detectFormat(analyses([...padding('chat', 2), ...padding('rft', 2)])), 'chat');
  });

  it('takes the majority family, ties going to the family seen first', () => {
    assert.equal(detectFormat(analyses([...padding('completion', 3), ...padding('preference', 4)])), 'preference');
    assert.equal(detectFormat(analyses([...padding('completion', 2), ...padding('preference', 2)])), 'completion');
  });

  it('ignores blank, invalid and unrecognisable lines, and looks only at the first sample', () => {
    const noise = ['', '{oops', '[1]', '{"foo": 1}'];
    assert.equal(detectFormat(analyses([...noise, ...padding('completion', 1)])), 'completion');
    assert.equal(detectFormat(analyses(noise)), undefined);
    assert.equal(detectFormat([]), undefined);
    const lines = [...padding('completion', DETECTION_SAMPLE), ...padding('chat', DETECTION_SAMPLE + 5)];
    assert.equal(detectFormat(analyses(lines)), 'completion');
  });

  it('checks a line as the file format within a family, else as what it looks like', () => {
    assert.equal(checkedFormat('rft', 'chat'), 'chat');
    assert.equal(checkedFormat('chat', 'rft'), 'rft');
    assert.equal(checkedFormat('completion', 'chat'), 'completion');
    assert.equal(checkedFormat('unknown', 'preference'), 'preference');
    assert.equal(checkedFormat('unknown', undefined), 'chat');
    assert.equal(checkedFormat('rft', undefined), 'rft');
  });

  it('re-checks lines against the detected format (a chat line ending in a user turn is not RFT)', () => {
    const text = [...padding('chat'), '{"messages":[{"role":"user","content":"hi"}]}'].join('\n');
    const result = validateText(text);
    assert.equal(result.format, 'chat');
    assert.deepEqual(
      result.problems.map((p) => [p.code, p.range.start.line]),
      [['ft.missing-assistant', 10]],
    );
    assert.equal(result.analyses[10]?.checkedAs, 'chat');
    assert.equal(result.analyses[10]?.shape, 'rft');
  });

  it('respects a forced format', () => {
    const result = validateText(padding('chat').join('\n'), { format: 'rft' });
    assert.equal(result.format, 'rft');
    assert.equal(result.problems.filter((p) => p.code === 'ft.rft-last-message').length, 10);
  });
});
