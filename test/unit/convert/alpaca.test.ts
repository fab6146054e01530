import * as assert from 'node:assert/strict';
import { chat, convertText, jsonl } from './helpers';

describe('Alpaca', () => {
  it('joins instruction and input, keeps system and LLaMA-Factory history', async () => {
    const rows = [
      { instruction: 'Translate to French.', input: 'Good morning', output: 'Bonjour' },
      { instruction: 'Name a colour.', input: '', output: 'Blue', system: 'Answer in one word.' },
      { instruction: 'And now?', output: 'Still here.', history: [['Are you there?', 'Yes.']] },
      { instruction: '', input: 'Only input', output: 'ok' },
    ];
    const { values } = await convertText(jsonl(rows), { from: 'alpaca', to: 'chat' });
    assert.deepEqual(values, [
      chat(['user', 'Translate to French.\n\nGood morning'], ['assistant', 'Bonjour']),
      chat(['system', 'Answer in one word.'], ['user', 'Name a colour.'], ['assistant', 'Blue']),
      chat(['user', 'Are you there?'], ['assistant', 'Yes.'], ['user', 'And now?'], ['assistant', 'Still here.']),
      chat(['user', 'Only input'], ['assistant', 'ok']),
    ]);
  });

  it('skips rows without instruction or output, and malformed history', async () => {
    const rows = [
      { output: 'x' },
      { instruction: 'x' },
      { instruction: 'x', output: 'y', history: [['only one']] },
      { instruction: 'x', output: '  ' },
    ];
    const { report } = await convertText(jsonl(rows), { from: 'alpaca', to: 'chat' });
    assert.deepEqual(report.skipped, [
      { line: 1, reason: 'no "instruction" text' },
      { line: 2, reason: 'no "output" text' },
      { line: 3, reason: '"history" entry 1 is not a [user, assistant] pair of texts' },
      { line: 4, reason: 'no non-empty assistant message' },
    ]);
  });

  it('exports single-turn chat and reports multi-turn examples as skipped with their lines', async () => {
    const rows = [
      chat(['system', 'S'], ['user', 'Q'], ['assistant', 'A']),
      chat(['user', 'Q1'], ['assistant', 'A1'], ['user', 'Q2'], ['assistant', 'A2']),
      chat(['user', 'Q'], ['assistant', 'A']),
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'chat', to: 'alpaca' });
    assert.deepEqual(values, [
      { instruction: 'Q', input: '', output: 'A', system: 'S' },
      { instruction: 'Q', input: '', output: 'A' },
    ]);
    assert.equal(report.skippedCount, 1);
    assert.equal(report.skipped[0]!.line, 2);
    assert.match(report.skipped[0]!.reason, /multi-turn/);
  });
});
