import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateText } from '../../../src/core/validation/validateText';
import { chatExample, distilDataset, splitConversation } from '../../../src/evaluation/saveExamples';

describe('evaluation: saving answers as examples', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'eval-save-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('makes leading system turns the system prompt and refuses a system turn later on', () => {
    assert.deepEqual(
      splitConversation([
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: 'Be kind.' },
        { role: 'user', content: 'Hi' },
      ]),
      { systemPrompt: 'Be brief.\n\nBe kind.', turns: [{ role: 'user', content: 'Hi' }] },
    );
    const late = [
      { role: 'user' as const, content: 'Hi' },
      { role: 'system' as const, content: 'Now be rude.' },
      { role: 'user' as const, content: 'Again' },
    ];
    assert.equal(splitConversation(late), undefined);
    assert.throws(() => chatExample(late, 'Hello'), /system message after the conversation started/);
  });

  it('distils pairs into a clean chat dataset, leaving out what cannot be saved', async () => {
    const path = join(folder, 'out.jsonl');
    const pairs = Array.from({ length: 10 }, (_, i) => ({
      turns: [
        { role: 'system' as const, content: 'Be brief.' },
        { role: 'user' as const, content: `Q${i}` },
      ],
      answer: `A${i}`,
    }));
    pairs.push({
      turns: [
        { role: 'user', content: 'Q' },
        { role: 'system', content: 'late' },
        { role: 'user', content: 'Q' },
      ],
      answer: 'A',
    });
    // An empty answer is an error for a chat example's reply.
    pairs.push({ turns: [{ role: 'user', content: 'Q' }], answer: '' });
    const result = await distilDataset(path, pairs, { resultsPath: join(folder, 'run.results.jsonl') });
    const text = await readFile(path, 'utf8');
    assert.deepEqual(result, { fileName: 'out.jsonl', lines: 10, left: 2 });
    const validation = validateText(text);
    assert.equal(validation.format, 'chat');
    assert.deepEqual(
      validation.problems.filter((p) => p.severity === 'error' || p.severity === 'warning').map((p) => p.code),
      [],
    );
    assert.deepEqual(JSON.parse(text.split('\n')[9]!), {
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Q9' },
        { role: 'assistant', content: 'A9' },
      ],
    });
  });
});
