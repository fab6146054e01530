import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { BatchPrompt } from '../../../src/core/batch/batchTypes';
import { buildJudgeRequest, DEFAULT_RUBRIC, parseJudgeVerdict } from '../../../src/core/batch/judgePrompt';

const prompt = (key: string, reference?: string): BatchPrompt => ({
  index: 0,
  source: 'line 1',
  key,
  turns: [
    { role: 'system', content: 'You are a support agent.' },
    { role: 'user', content: 'My order is late.' },
  ],
  ...(reference === undefined ? {} : { reference }),
});

const answers = [
  { label: 'base', text: 'Sorry! Let me check.' },
  { label: 'tuned', text: 'I apologise for the delay; your order ships today.' },
] as const;

describe('buildJudgeRequest', () => {
  it('asks for a JSON verdict with the rubric, conversation, reference and both answers in the shown order', () => {
    const request = buildJudgeRequest({
      prompt: prompt('k1', 'It ships today.'),
      answers,
      rubric: 'Be fair.',
      seed: 1,
    });
    const [system, user] = request.messages;
    assert.equal(request.messages.length, 2);
    assert.equal(system?.role, 'system');
    assert.ok(system.content.includes('\nBe fair.\n'));
    assert.ok(system.content.includes('{"winner": "1" | "2" | "tie", "reason": "<one or two sentences>"}'));
    assert.equal(user?.role, 'user');
    const byLabel = new Map<string, string>(answers.map((a) => [a.label, a.text]));
    assert.equal(
      user.content,
      [
        '<conversation>\n[system]\nYou are a support agent.\n\n[user]\nMy order is late.\n</conversation>',
        '<reference_answer>\nIt ships today.\n</reference_answer>',
        `<answer_1>\n${byLabel.get(request.order[0])}\n</answer_1>`,
        `<answer_2>\n${byLabel.get(request.order[1])}\n</answer_2>`,
        'Which answer is better? Reply with the JSON object only.',
      ].join('\n\n'),
    );
    // The judge never sees the model labels.
    assert.ok(!user.content.includes('tuned') && !system.content.includes('tuned'));
  });

  it('leaves the reference out when the prompt has none', () => {
    const request = buildJudgeRequest({ prompt: prompt('k1'), answers, rubric: DEFAULT_RUBRIC, seed: 1 });
    assert.ok(!request.messages[1]!.content.includes('reference'));
    assert.ok(request.messages[0]!.content.includes('Brevity'));
  });

  it('gives the same order for the same seed and key, whatever order the answers are passed in', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, key) => {
        const once = buildJudgeRequest({ prompt: prompt(key), answers, rubric: '', seed });
        const again = buildJudgeRequest({ prompt: prompt(key), answers, rubric: '', seed });
        const swapped = buildJudgeRequest({ prompt: prompt(key), answers: [answers[1], answers[0]], rubric: '', seed });
        assert.deepEqual(again, once);
        assert.deepEqual(swapped, once);
        assert.deepEqual([...once.order].sort(), ['base', 'tuned']);
      }),
    );
  });

  it('shows each model first 40–60% of the time over 1,000 prompts, for several seeds', () => {
    for (const seed of [0, 1, 42, -7, 2 ** 31 - 1]) {
      let baseFirst = 0;
      for (let i = 0; i < 1000; i++) {
        // Keys as a run makes them: the start of a sha256.
        const key = createHash('sha256').update(`prompt ${i}`).digest('hex').slice(0, 16);
        if (buildJudgeRequest({ prompt: prompt(key), answers, rubric: '', seed }).order[0] === 'base') baseFirst++;
      }
      assert.ok(baseFirst >= 400 && baseFirst <= 600, `seed ${seed}: base first ${baseFirst} times`);
    }
  });

  it('draws different orders for different seeds on the same prompts', () => {
    const orders = (seed: number) =>
      Array.from(
        { length: 64 },
        (_, i) => buildJudgeRequest({ prompt: prompt(`key${i}`), answers, rubric: '', seed }).order[0],
      );
    assert.notDeepEqual(orders(1), orders(2));
  });
});

describe('parseJudgeVerdict', () => {
  const order = ['tuned', 'base'] as const;

  it('maps "1", "2" and "tie" back to labels', () => {
    assert.deepEqual(parseJudgeVerdict('{"winner":"1","reason":"Apologises."}', order), {
      winner: 'tuned',
      reason: 'Apologises.',
    });
    assert.deepEqual(parseJudgeVerdict('{"winner": "2", "reason": " Shorter. "}', order), {
      winner: 'base',
      reason: 'Shorter.',
    });
    assert.deepEqual(parseJudgeVerdict('{"winner":"tie","reason":"Same."}', order), { winner: 'tie', reason: 'Same.' });
  });

  it('tolerates code fences, prose, numbers, case and a missing reason', () => {
    const fenced = 'Here is my verdict:\n```json\n{\n  "winner": "2",\n  "reason": "More {concise}."\n}\n```\nThanks!';
    assert.deepEqual(parseJudgeVerdict(fenced, order), { winner: 'base', reason: 'More {concise}.' });
    assert.deepEqual(parseJudgeVerdict('{"winner": 1}', order), { winner: 'tuned', reason: '' });
    assert.deepEqual(parseJudgeVerdict('{"winner": "TIE", "reason": "x"}', order), { winner: 'tie', reason: 'x' });
    assert.deepEqual(parseJudgeVerdict('{"winner": "Answer 2", "reason": "y"}', order), {
      winner: 'base',
      reason: 'y',
    });
    // A brace in the prose before the object is skipped.
    assert.deepEqual(parseJudgeVerdict('Weighing {helpfulness}… {"winner":"1","reason":"z"}', order), {
      winner: 'tuned',
      reason: 'z',
    });
  });

  it('reads the fields of broken JSON', () => {
    assert.deepEqual(parseJudgeVerdict('{"winner": "2", "reason": "Says \\"sorry\\" first"', order), {
      winner: 'base',
      reason: 'Says "sorry" first',
    });
    assert.deepEqual(parseJudgeVerdict('{\'x\': 1, "winner": tie}', order), { winner: 'tie', reason: '' });
  });

  it('reports garbage and unknown winners as invalid', () => {
    assert.deepEqual(parseJudgeVerdict('I think the first one is better.', order), {
      invalid: 'The reply has no JSON object with a "winner".',
    });
    assert.deepEqual(parseJudgeVerdict('', order), { invalid: 'The reply has no JSON object with a "winner".' });
    assert.deepEqual(parseJudgeVerdict('{"verdict":"1"}', order), {
      invalid: 'The reply has no JSON object with a "winner".',
    });
    assert.deepEqual(parseJudgeVerdict('{"winner":"3","reason":"?"}', order), {
      invalid: 'The winner "3" is not "1", "2" or "tie".',
    });
    assert.deepEqual(parseJudgeVerdict('{"winner":null}', order), {
      invalid: 'The winner null is not "1", "2" or "tie".',
    });
    assert.deepEqual(parseJudgeVerdict('{"winner":"both"}', order), {
      invalid: 'The winner "both" is not "1", "2" or "tie".',
    });
  });

  it('never throws, whatever the reply', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const verdict = parseJudgeVerdict(text, order);
        assert.ok('invalid' in verdict || ['tuned', 'base', 'tie'].includes(verdict.winner));
      }),
    );
  });
});
