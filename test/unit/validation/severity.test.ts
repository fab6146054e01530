import * as assert from 'node:assert/strict';
import type { Problem } from '../../../src/core/problem';
import { applySeverities, bySeverity, severityCounts } from '../../../src/core/validation/severity';
import { validateText } from '../../../src/core/validation/validateText';
import { padding } from './helpers';

const problem = (code: string): Problem => ({
  code,
  severity: 'warning',
  message: code,
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
});

describe('severities', () => {
  it('re-labels, hides with off, and leaves other codes alone', () => {
    const result = applySeverities([problem('ft.a'), problem('ft.b'), problem('ft.c')], {
      'ft.a': 'error',
      'ft.b': 'off',
    });
    assert.deepEqual(
      result.map((p) => [p.code, p.severity]),
      [
        ['ft.a', 'error'],
        ['ft.c', 'warning'],
      ],
    );
  });

  it('one ranking: errors, warnings, infos, hints, then anything else; counts per severity', () => {
    const severities = ['hint', 'bogus', 'warning', 'error', 'info', 'error'];
    const sorted = severities.map((severity) => ({ severity })).sort(bySeverity);
    assert.deepEqual(
      sorted.map((p) => p.severity),
      ['error', 'error', 'warning', 'info', 'hint', 'bogus'],
    );
    const problems = [problem('a'), { ...problem('b'), severity: 'error' as const }, problem('c')];
    assert.deepEqual(severityCounts(problems), { error: 1, warning: 2, info: 0, hint: 0 });
  });

  it('ignores inherited object keys as codes', () => {
    assert.deepEqual(
      applySeverities([problem('constructor')], {}).map((p) => p.severity),
      ['warning'],
    );
  });

  it('apply in validateText', () => {
    const text = ['', ...padding('chat')].join('\n');
    assert.deepEqual(
      validateText(text).problems.map((p) => [p.code, p.severity]),
      [['ft.blank-line', 'warning']],
    );
    assert.deepEqual(
      validateText(text, { severities: { 'ft.blank-line': 'hint' } }).problems.map((p) => [p.code, p.severity]),
      [['ft.blank-line', 'hint']],
    );
    assert.deepEqual(validateText(text, { severities: { 'ft.blank-line': 'off' } }).problems, []);
  });
});
