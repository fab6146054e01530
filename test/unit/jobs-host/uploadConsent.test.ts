import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { blockedMessage, consentMessage, destinationHost, uploadVerdict } from '../../../src/jobs/upload/uploadConsent';

const problem = (code: string, severity: Problem['severity'], line: number): Problem => ({
  code,
  severity,
  message: code,
  range: { start: { line, character: 0 }, end: { line, character: 1 } },
});

describe('jobs (VS Code side): the upload checks and confirmation', () => {
  it('counts errors and warnings from the full counts (not only the kept problems), infos aside', () => {
    const verdict = uploadVerdict({
      problems: [
        problem('ft.json-syntax', 'error', 4),
        problem('ft.blank-line', 'warning', 2),
        problem('x', 'info', 1),
      ],
      counts: { 'ft.json-syntax': 120, 'ft.blank-line': 3, x: 9 },
    });
    assert.equal(verdict.errors, 120);
    assert.equal(verdict.warnings, 3);
    assert.deepEqual(verdict.lines, [
      '120 × Invalid JSON (error, first on line 5)',
      '3 × Blank line (warning, first on line 3)',
    ]);
    const blocked = blockedMessage('train.jsonl', verdict);
    assert.equal(blocked.message, 'train.jsonl has 120 errors: it was not uploaded.');
    assert.match(blocked.detail, /120 × Invalid JSON/);
  });

  it('names file, size, examples, training tokens, warnings and the destination host', () => {
    const { message, detail } = consentMessage({
      fileName: 'train.jsonl',
      bytes: 1_234_567,
      examples: 1500,
      tokens: { perEpoch: 200_000, epochs: 3, charged: 600_000, model: 'gpt-4o-mini-2024-07-18' },
      connectionName: 'Work',
      host: 'api.openai.com',
      verdict: { errors: 0, warnings: 2, lines: ['2 × Blank line (warning, first on line 3)'] },
    });
    assert.equal(message, 'Upload train.jsonl to api.openai.com?');
    assert.match(detail, /File: train\.jsonl \(1\.2 MB, 1,234,567 bytes\)/);
    assert.match(detail, /Examples: 1,500/);
    assert.match(detail, /200,000 per epoch, 600,000 over 3 epochs \(gpt-4o-mini-2024-07-18 tokenizer\)/);
    assert.match(detail, /Destination: api\.openai\.com \(connection “Work”\)/);
    assert.match(detail, /2 warnings:\n2 × Blank line/);
  });

  it('says when tokens were not counted, and lists no warnings when there are none', () => {
    const { detail } = consentMessage({
      fileName: 'a.jsonl',
      bytes: 10,
      examples: 1,
      connectionName: 'Sim',
      host: '127.0.0.1:8765',
      verdict: { errors: 0, warnings: 0, lines: [] },
    });
    assert.match(detail, /Estimated training tokens: not counted\./);
    assert.doesNotMatch(detail, /warning/);
  });

  it('lists at most six kinds of problem and counts the rest', () => {
    const lines = Array.from({ length: 9 }, (_, i) => `line ${i}`);
    const { detail } = consentMessage({
      fileName: 'a.jsonl',
      bytes: 10,
      examples: 1,
      connectionName: 'Sim',
      host: 'h',
      verdict: { errors: 0, warnings: 9, lines },
    });
    assert.match(detail, /line 5\n…and 3 more kinds of problem\./);
    assert.doesNotMatch(detail, /line 6/);
  });

  it('takes the destination host from the base URL', () => {
    assert.equal(destinationHost('https://api.openai.com/v1'), 'api.openai.com');
    assert.equal(destinationHost('https://my-res.openai.azure.com'), 'my-res.openai.azure.com');
    assert.equal(destinationHost('http://127.0.0.1:8765/v1'), '127.0.0.1:8765');
    assert.equal(destinationHost('not a url'), 'not a url');
  });
});
