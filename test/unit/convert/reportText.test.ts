import * as assert from 'node:assert/strict';
import { formatConvertReport, summarizeConversion } from '../../../src/core/convert/reportText';
import type { FileConversion } from '../../../src/core/convert/convertFile';
import type { ConvertSpec } from '../../../src/core/convert/model';

const SPEC: ConvertSpec = { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } };

describe('conversion report text', () => {
  const result: FileConversion = {
    read: 5,
    converted: 1,
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
      'Converted x.csv: read 5 rows: converted 1 into 2 examples in x.chat.jsonl, skipped 4 (2 × user cell is empty; 1 × assistant cell is empty); 1 warning.',
    );
    assert.equal(
      summarizeConversion('Converted y.csv', {
        read: 1,
        converted: 0,
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
      formatConvertReport('/data/x.csv', SPEC, result),
      [
        'Input: /data/x.csv',
        'Output: /data/x.chat.jsonl',
        'Format: CSV → OpenAI chat.',
        'Columns: user "q", assistant "a".',
        '',
        'Read 5 rows: converted 1 into 2 examples, skipped 4.',
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

  it('lists at most maxListed rows and says where the others are', () => {
    const text = formatConvertReport('/data/x.csv', SPEC, result, { maxListed: 1, moreHint: '--json lists up to 3' });
    assert.match(text, /line 2: user cell is empty\n {2}… and 3 more, not listed \(--json lists up to 3\)\.\n/);
    assert.doesNotMatch(text, /line 4/);
  });

  it('escapes terminal control characters from data in every line, so they can neither drive a terminal nor split lines', () => {
    const hostile: FileConversion = {
      read: 1,
      converted: 0,
      written: 0,
      skipped: [{ line: 1, reason: 'no text at "\u001b]0;pwned\u0007"\nline 99: forged' }],
      skippedCount: 1,
      warnings: ['no company "\u009b31m\u202e"'],
      output: undefined,
    };
    const spec: ConvertSpec = {
      from: 'csv',
      to: 'chat',
      csv: { mapping: { userColumn: 'q\u001b[2J', assistantColumn: 'a', system: 'Be\rkind' } },
    };
    const text = formatConvertReport('/data/\u001b[31mx.csv', spec, hostile);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.match(text, /Input: \/data\/\\u001b\[31mx\.csv\n/);
    assert.match(text, /line 1: no text at "\\u001b\]0;pwned\\u0007"\\u000aline 99: forged\n/);
    assert.match(text, /no company "\\u009b31m\\u202e"/);
    assert.doesNotMatch(summarizeConversion('Converted \u001bx', hostile), /[\u0000-\u001f\u009b]/);
  });
});
