import * as assert from 'node:assert/strict';
import { fieldText, inferFieldMapping, valueAtPath } from '../../../src/core/convert/fieldMapping';
import { chat, convertText, jsonl } from './helpers';

describe('field mapping for unknown JSON shapes', () => {
  const samples = [
    {
      id: 7,
      data: { question: 'What is JSONL?', meta: { lang: 'en' } },
      reply: { text: 'One JSON value per line.' },
      persona: 'Teacher',
    },
    { id: 8, data: { question: 'Why?', meta: { lang: 'en' } }, reply: { text: 'Streaming.' }, persona: 'Teacher' },
  ];

  it('reads dot paths through objects and lists', () => {
    assert.equal(valueAtPath({ a: [{ b: 'x' }] }, 'a.0.b'), 'x');
    assert.equal(valueAtPath({ a: [{ b: 'x' }] }, 'a.1.b'), undefined);
    assert.equal(valueAtPath({ a: 'x' }, 'constructor'), undefined);
  });

  it('lists text fields by presence and guesses user/assistant/system from names', () => {
    const guess = inferFieldMapping(samples);
    assert.deepEqual(
      guess.candidates.map((candidate) => candidate.path),
      ['reply.text', 'data.question', 'persona', 'data.meta.lang'],
    );
    assert.equal(guess.candidates[0]!.presence, 1);
    assert.equal(guess.candidates[1]!.averageLength, (14 + 4) / 2);
    assert.equal(guess.candidates[0]!.example, 'One JSON value per line.');
    assert.deepEqual(guess.suggested, {
      userField: 'data.question',
      assistantField: 'reply.text',
      systemField: 'persona',
    });
    assert.deepEqual(inferFieldMapping([{ prompt: 'p', completion: 'c' }]).suggested, {
      userField: 'prompt',
      assistantField: 'completion',
    });
  });

  it('converts with an explicit mapping and skips rows missing a field', async () => {
    const rows = [
      ...samples,
      { data: {}, reply: { text: 'orphan' } },
      { data: { question: 'n?' }, reply: { text: 42 } },
    ];
    const { values, report } = await convertText(jsonl(rows), {
      from: 'mapped',
      to: 'chat',
      mapping: { userField: 'data.question', assistantField: 'reply.text', systemField: 'persona' },
    });
    assert.deepEqual(values, [
      chat(['system', 'Teacher'], ['user', 'What is JSONL?'], ['assistant', 'One JSON value per line.']),
      chat(['system', 'Teacher'], ['user', 'Why?'], ['assistant', 'Streaming.']),
      chat(['user', 'n?'], ['assistant', '42']),
    ]);
    assert.deepEqual(report.skipped, [{ line: 3, reason: 'no text at "data.question"' }]);
  });

  it('joins fields with a template: placeholders are dot paths, empty ones leave no stray whitespace', async () => {
    const row = { instruction: 'Translate', input: 'Hallo', output: 'Hello', conversations: [{ value: 'Hi' }] };
    assert.equal(fieldText(row, '{instruction}\n\n{input}'), 'Translate\n\nHallo');
    assert.equal(fieldText({ ...row, input: '' }, '{instruction}\n\n{input}'), 'Translate');
    assert.equal(fieldText(row, 'Q: {conversations.0.value} {{literal}}'), 'Q: Hi {literal}');
    assert.equal(fieldText(row, '{missing} {absent}'), undefined);
    assert.equal(fieldText(row, 'conversations.0.value'), 'Hi');
    const { values, report } = await convertText(jsonl([row, { output: 'orphan' }]), {
      from: 'mapped',
      to: 'chat',
      mapping: { userField: '{instruction}\n\n{input}', assistantField: 'output' },
    });
    assert.deepEqual(values, [chat(['user', 'Translate\n\nHallo'], ['assistant', 'Hello'])]);
    assert.deepEqual(report.skipped, [
      { line: 2, reason: 'no text for any field of the template "{instruction}\n\n{input}"' },
    ]);
  });
});
