import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLegacyPrompt } from '../../../src/core/convert/legacy';
import { DEFAULT_LEGACY_TEMPLATE } from '../../../src/core/convert/model';
import { chat, convertText, jsonl } from './helpers';

describe('legacy prompt/completion', () => {
  it('parses the conversational template: header → system, Customer/Agent turns, completion without space and stop', async () => {
    const rows = [
      {
        prompt:
          'Summary: Customer asks about a late delivery.\n\nSpecific information: Order ORD-55821, courier DPD.\n\n###\n\nCustomer: Where is my parcel?\nAgent: Could you share your order number?\nCustomer: ORD-55821\nsent twice\nAgent:',
        completion: " It's with DPD and arrives tomorrow.\n",
      },
      { prompt: 'How do I reset my password?\n\n###\n\n', completion: ' Go to Settings.\n' },
      { prompt: 'Customer: No header here\nAgent:', completion: ' Fine.\n' },
      { prompt: 'Plain question without separator', completion: 'no leading space' },
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'legacy', to: 'chat' });
    assert.deepEqual(values, [
      chat(
        [
          'system',
          'Summary: Customer asks about a late delivery.\n\nSpecific information: Order ORD-55821, courier DPD.',
        ],
        ['user', 'Where is my parcel?'],
        ['assistant', 'Could you share your order number?'],
        ['user', 'ORD-55821\nsent twice'],
        ['assistant', "It's with DPD and arrives tomorrow."],
      ),
      chat(['user', 'How do I reset my password?'], ['assistant', 'Go to Settings.']),
      chat(['user', 'No header here'], ['assistant', 'Fine.']),
      chat(['user', 'Plain question without separator'], ['assistant', 'no leading space']),
    ]);
    assert.equal(report.skippedCount, 0);
  });

  it('honours a custom separator and stop sequence', async () => {
    const row = { prompt: 'Context\n---\nCustomer: Hi\nAgent:', completion: ' Hello END' };
    const { values } = await convertText(jsonl([row]), {
      from: 'legacy',
      to: 'chat',
      template: { separator: '\n---\n', stop: ' END' },
    });
    assert.deepEqual(values, [chat(['system', 'Context'], ['user', 'Hi'], ['assistant', 'Hello'])]);
    assert.deepEqual(parseLegacyPrompt('Q\n---\n', { separator: '\n---\n', stop: '' }), [
      { role: 'user', content: 'Q' },
    ]);
  });

  it('converts the example file shipped with the extension', async () => {
    const text = readFileSync(join(__dirname, '../../../examples/legacy-completions.jsonl'), 'utf8');
    const { values, report } = await convertText(text, { from: 'legacy', to: 'chat' });
    assert.equal(report.skippedCount, 0);
    assert.deepEqual(
      values[1],
      chat(
        ['system', 'Summary: Customer wants a refund.\n\nSpecific information: Paid by card.'],
        ['user', "I'd like a refund for my order."],
        ['assistant', 'Of course. Refunds go back to your card within 5 working days.'],
      ),
    );
  });

  it('writes chat as the template: prompt up to the last answer + "\\nAgent:", completion " answer" + stop', async () => {
    const rows = [
      chat(
        ['system', 'Summary: refund'],
        ['user', 'Hi'],
        ['assistant', 'Hello'],
        ['user', 'Refund?'],
        ['assistant', 'Sure.'],
      ),
      chat(['user', 'Q'], ['assistant', 'A'], ['user', 'unanswered']),
      chat(['user', 'Customer: tricky\nAgent: text'], ['assistant', 'A']),
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'chat', to: 'legacy' });
    assert.deepEqual(values, [
      {
        prompt: `Summary: refund${DEFAULT_LEGACY_TEMPLATE.separator}Customer: Hi\nAgent: Hello\nCustomer: Refund?\nAgent:`,
        completion: ' Sure.\n',
      },
      { prompt: 'Customer: Customer: tricky\nAgent: text\nAgent:', completion: ' A\n' },
    ]);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'does not end with an assistant message' }]);
    assert.equal(report.warnings.length, 1);
    assert.match(report.warnings[0]!, /will not parse back unchanged/);
  });

  it('writes one pair per assistant turn with the running history and a configurable header', async () => {
    const rows = [
      chat(
        ['system', 'refund asked'],
        ['user', 'Hi'],
        ['assistant', 'Hello'],
        ['user', 'Refund?'],
        ['assistant', 'Sure.'],
        ['user', 'Thanks, bye'],
      ),
      chat(['assistant', 'Welcome!'], ['user', 'unanswered']),
    ];
    const header = 'Summary: {system}\n\nSpecific information: order 5';
    const { values, report } = await convertText(jsonl(rows), {
      from: 'chat',
      to: 'legacy',
      legacy: { perTurn: true, header },
    });
    const top = `Summary: refund asked\n\nSpecific information: order 5${DEFAULT_LEGACY_TEMPLATE.separator}`;
    assert.deepEqual(values, [
      { prompt: `${top}Customer: Hi\nAgent:`, completion: ' Hello\n' },
      { prompt: `${top}Customer: Hi\nAgent: Hello\nCustomer: Refund?\nAgent:`, completion: ' Sure.\n' },
    ]);
    assert.equal(report.read, 2);
    assert.equal(report.written, 2);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'no assistant message answers a user message' }]);

    // Each pair parses back into the conversation up to its answer.
    const back = await convertText(jsonl(values), { from: 'legacy', to: 'chat' });
    assert.deepEqual(
      back.values[1],
      chat(
        ['system', 'Summary: refund asked\n\nSpecific information: order 5'],
        ['user', 'Hi'],
        ['assistant', 'Hello'],
        ['user', 'Refund?'],
        ['assistant', 'Sure.'],
      ),
    );

    // An empty header leaves the system message out.
    const bare = await convertText(jsonl([chat(['system', 'S'], ['user', 'Q'], ['assistant', 'A'])]), {
      from: 'chat',
      to: 'legacy',
      legacy: { header: '' },
    });
    assert.deepEqual(bare.values, [{ prompt: 'Customer: Q\nAgent:', completion: ' A\n' }]);
  });
});
