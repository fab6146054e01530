import * as assert from 'node:assert/strict';
import { formatConvertReport, summarizeConversion } from '../../../src/core/convert/reportText';
import type { FileConversion } from '../../../src/core/convert/convertFile';

describe('conversion report text', () => {
  const result: FileConversion = {
    read: 5,
    written: 2,
    skipped: [
      { line: 2, reason: 'user cell is empty' },
      { line: 4, reason: 'assistant cell is empty' },
      { line: 5, reason: 'user cell is empty' },
    ],
    skippedCount: 4,
    warnings: ['delimiter detected as ";"'],
    output: '/data/x.chat.jsonl',
  };

  it('summarizes counts and the most common reasons in one line', () => {
    assert.equal(
      summarizeConversion('Converted x.csv', result),
      'Converted x.csv: read 5 rows, wrote 2 examples to x.chat.jsonl, skipped 4 (2 × user cell is empty; 1 × assistant cell is empty); 1 warning.',
    );
    assert.equal(
      summarizeConversion('Converted y.csv', {
        read: 1,
        written: 0,
        skipped: [{ line: 2, reason: 'user cell is empty' }],
        skippedCount: 1,
        warnings: [],
        output: undefined,
      }),
      'Converted y.csv: nothing converted; read 1 row, skipped 1 (1 × user cell is empty). No file was written.',
    );
  });

  it('lists every kept skipped row with its line, says how many more there were, and the warnings', () => {
    assert.equal(
      formatConvertReport('Input: x.csv', result),
      [
        'Input: x.csv',
        '',
        'Read 5 rows, wrote 2 examples, skipped 4.',
        '',
        'Skipped rows:',
        '  line 2: user cell is empty',
        '  line 4: assistant cell is empty',
        '  line 5: user cell is empty',
        '  … and 1 more, not listed (the report keeps the first 3).',
        '',
        'Warnings:',
        '  delimiter detected as ";"',
        '',
      ].join('\n'),
    );
  });
});
