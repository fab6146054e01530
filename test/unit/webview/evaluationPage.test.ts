import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type { ChunkOf } from '../../../src/protocol/envelope';
import type {
  EvaluationHostEvents,
  EvaluationInfo,
  EvaluationRequests,
  EvaluationRow,
  ReviewItem,
} from '../../../src/protocol/evaluation';
import { EvaluationPage } from '../../../webview/evaluation/evaluationPage';
import { PAGE_SIZE } from '../../../webview/evaluation/resultsSection';
import { voteOfKey } from '../../../webview/evaluation/reviewView';
import type { HostClient, RequestOptions } from '../../../webview/shared/hostClient';
import { createMarkdownRenderer } from '../../../webview/shared/markdown/renderMarkdown';
import { useGlobalDocument } from './globalDocument';

const dom = new JSDOM('<!DOCTYPE html><body><main id="app"></main></body>');
const window = dom.window as unknown as Window & typeof globalThis;
const renderer = createMarkdownRenderer(window);

const HOSTILE =
  'See ![tracker](https://evil.example/pixel.png) and [a link](https://evil.example/) <img src="https://evil.example/x.png"> <script>alert(1)</script>';

const info: EvaluationInfo = {
  fileName: 'run.results.jsonl',
  resultsUri: 'file:///work/run.results.jsonl',
  rowCount: 120,
  models: ['alpha', 'beta'],
  summaries: [
    {
      label: 'alpha',
      model: 'alpha',
      connection: 'sim',
      prompts: 120,
      answered: 119,
      errors: 1,
      scored: 119,
      exactMatchRate: 0.5,
      meanF1: 0.75,
      answerChars: { mean: 40, median: 38 },
      latencyMs: { p50: 120, p95: 900 },
      tokens: { reported: 119, prompt: 1000, completion: 2000, total: 3000 },
      finishReasons: [{ reason: 'stop', count: 119 }],
      truncated: 0,
    },
  ],
  badLines: 0,
  connections: [{ id: 'sim', name: 'Simulator' }],
  defaultRubric: 'Be helpful.',
  judged: [],
  voted: [
    {
      a: 'alpha',
      b: 'beta',
      records: [
        {
          label: 'alpha',
          wins: 3,
          losses: 1,
          ties: 0,
          bothBad: 0,
          skipped: 0,
          decided: 4,
          winRate: 0.75,
          interval: [0.3, 0.95],
        },
      ],
    },
  ],
};

function row(position: number): EvaluationRow {
  return {
    position,
    promptKey: `k${position}`,
    source: `line ${position + 1}`,
    turns: [{ role: 'user', content: `Question ${position}?` }],
    reference: `Reference ${position}`,
    answers: [
      { label: 'alpha', text: HOSTILE, finishReason: 'stop', latencyMs: 100 },
      position === 1
        ? { label: 'beta', error: 'Server error (500)', latencyMs: 5 }
        : { label: 'beta', text: 'Fine.', finishReason: 'length', latencyMs: 200 },
    ],
    judgements:
      position === 2 ? [{ a: 'alpha', b: 'beta', winner: 'beta', reason: 'Shorter.', judge: 'sim / judge-1' }] : [],
  };
}

let nextToken = 1;
function reviewItem(position: number): ReviewItem {
  return {
    token: nextToken++,
    position,
    turns: [{ role: 'user', content: 'Q?' }],
    answers: [HOSTILE, 'Other'],
    remaining: 5,
  };
}

type Sent = { method: string; params: unknown };

/** A host that answers from canned data and records what the page asked. */
function fakeHost(sent: Sent[]): HostClient<EvaluationRequests, EvaluationHostEvents> {
  const answer = (method: string, params: Record<string, number>): unknown => {
    switch (method) {
      case 'info':
        return served;
      case 'rows':
        return Array.from({ length: Math.min(params['count']!, info.rowCount - params['start']!) }, (_, i) =>
          row(params['start']! + i),
        );
      case 'judgeModels':
        return { models: ['judge-1'] };
      case 'reviewNext':
        return reviewItem(params['from']! + 1);
      case 'vote':
        return { revealed: ['beta', 'alpha'], standings: info.voted[0] };
      default:
        return { saved: false };
    }
  };
  return {
    request<M extends keyof EvaluationRequests>(
      method: M,
      params: EvaluationRequests[M]['params'],
      _options?: RequestOptions<ChunkOf<EvaluationRequests, M>>,
    ): Promise<EvaluationRequests[M]['result']> {
      sent.push({ method, params });
      return Promise.resolve(answer(method, params as Record<string, number>) as EvaluationRequests[M]['result']);
    },
    on(name, listener) {
      if (name === 'info') infoListeners.push(listener);
    },
    emit() {
      throw new Error('The evaluation page sends no events.');
    },
  };
}

let infoListeners: ((info: EvaluationInfo) => void)[] = [];
/** What the fake host answers to `info`. */
let served: EvaluationInfo = info;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('evaluation webview', () => {
  useGlobalDocument(dom.window);
  let sent: Sent[];
  let root: HTMLElement;
  let persisted: { uri: string }[];

  async function open(opening: EvaluationInfo = info): Promise<EvaluationPage> {
    sent = [];
    persisted = [];
    infoListeners = [];
    served = opening;
    root = dom.window.document.getElementById('app')!;
    const page = new EvaluationPage({
      host: fakeHost(sent),
      root,
      renderer,
      persist: (state) => persisted.push(state),
      keys: dom.window.document,
    });
    await page.start();
    await settle();
    return page;
  }

  const press = (key: string, target: EventTarget = dom.window.document.body) =>
    target.dispatchEvent(new dom.window.KeyboardEvent('keydown', { key, bubbles: true }));
  const votes = () => sent.filter((s) => s.method === 'vote').map((s) => (s.params as { choice: string }).choice);
  const button = (text: string) =>
    [...root.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text)) as HTMLButtonElement;

  it('shows metrics, the first page of rows and saves the file URI for a restore', async () => {
    await open();
    assert.deepEqual(persisted, [{ uri: 'file:///work/run.results.jsonl' }]);
    assert.deepEqual(
      sent.filter((s) => s.method === 'rows').map((s) => s.params),
      [{ start: 0, count: PAGE_SIZE }],
    );
    const metrics = root.querySelector('table[aria-label="Metrics per model"] tbody tr')!;
    assert.deepEqual(
      [...metrics.children].slice(0, 9).map((cell) => cell.textContent),
      ['alpha', '119 / 120', '1', '50.0%', '0.750', '40 / 38', '120 ms / 900 ms', '1,000 / 2,000', '0'],
    );
    const votedRow = root.querySelector('table[aria-label="Human votes"] tbody tr')!;
    assert.equal(votedRow.lastElementChild?.textContent, '75.0% (30.0–95.0%)');
    const rows = root.querySelectorAll('table[aria-label="Results"] tr.row');
    assert.equal(rows.length, PAGE_SIZE);
    assert.equal(rows[1]!.children[4]!.textContent, 'Error: Server error (500)');
    assert.equal(rows[1]!.children[4]!.className, 'error');
    assert.equal(rows[0]!.children[4]!.className, 'cut');
    assert.equal(rows[2]!.children[5]!.textContent, 'beta wins');
    assert.equal(rows[2]!.children[5]!.getAttribute('title'), 'Shorter.');
    assert.equal(rows[0]!.children[5]!.textContent, '–');
  });

  it('draws the first rows while the file is still read and the metrics computed, then the rest when told', async () => {
    const withoutSummaries: EvaluationInfo = { ...info };
    delete (withoutSummaries as { summaries?: unknown }).summaries;
    await open({ ...withoutSummaries, rowCount: 60, reading: { bytesRead: 1_000, byteLength: 8_000 } });
    assert.match(root.textContent ?? '', /Reading the file \(12%\) · the first 60 prompts so far/);
    assert.match(root.textContent ?? '', /Computing the metrics…/);
    assert.equal(root.querySelector('table[aria-label="Metrics per model"]'), null);
    assert.equal(root.querySelectorAll('table[aria-label="Results"] tr.row').length, PAGE_SIZE);

    for (const listener of infoListeners) listener(info);
    await settle();
    assert.match(root.textContent ?? '', /120 prompts · 2 models/);
    assert.doesNotMatch(root.textContent ?? '', /Computing the metrics|Reading the file/);
    assert.ok(root.querySelector('table[aria-label="Metrics per model"] tbody tr'));
  });

  it('pages through the rows by asking the host for the next range', async () => {
    await open();
    button('Next').click();
    await settle();
    assert.deepEqual(sent.filter((s) => s.method === 'rows').at(-1)?.params, { start: PAGE_SIZE, count: PAGE_SIZE });
    assert.match(root.querySelector('.pager')!.textContent, /Prompts 51–100 of 120/);
  });

  it('expands a row into chats and saves an answer or a preference pair by model index', async () => {
    await open();
    (root.querySelector('tr.row[data-position="0"]') as HTMLElement).click();
    const detail = root.querySelector('tr.detail')!;
    assert.ok(detail.textContent.includes('Question 0?'));
    (detail.querySelector('.message.answer button') as HTMLButtonElement).click();
    button('Save as preference pair').click();
    await settle();
    assert.deepEqual(
      sent.filter((s) => s.method.startsWith('save')),
      [
        { method: 'saveChat', params: { position: 0, model: 0 } },
        { method: 'savePreference', params: { position: 0, preferred: 0, rejected: 1 } },
      ],
    );
  });

  it('renders model output without any remote URL, image or script', async () => {
    await open();
    (root.querySelector('tr.row[data-position="0"]') as HTMLElement).click();
    button('Start blind review').click();
    await settle();
    assert.ok(root.querySelectorAll('.markdown').length >= 3);
    assert.equal(root.querySelectorAll('img, script, iframe, object, embed').length, 0);
    for (const node of root.querySelectorAll('*')) {
      for (const attribute of ['src', 'href', 'srcset', 'action', 'style']) {
        const value = node.getAttribute(attribute);
        assert.ok(value === null || !/^\s*(https?:|\/\/|javascript:|data:)/i.test(value), `${attribute}=${value}`);
      }
    }
  });

  it('maps review keys to votes', () => {
    assert.deepEqual(['1', '2', '=', '0', 's', 'S', 'x', 'Enter'].map(voteOfKey), [
      '1',
      '2',
      'tie',
      'bothBad',
      'skip',
      'skip',
      undefined,
      undefined,
    ]);
  });

  it('sends the vote of each key 1 / 2 / = / 0 / s for the comparison shown, and none while typing', async () => {
    await open();
    button('Start blind review').click();
    await settle();
    const review = root.querySelector('.review-item')!;
    assert.equal(review.textContent.includes('alpha'), false);
    assert.equal(review.textContent.includes('beta'), false);
    for (const key of ['1', '2', '=', '0', 's']) {
      press(key);
      await settle();
    }
    press('1', root.querySelector('textarea')!);
    press('x');
    await settle();
    assert.deepEqual(votes(), ['1', '2', 'tie', 'bothBad', 'skip']);
    const tokens = sent.filter((s) => s.method === 'vote').map((s) => (s.params as { token: number }).token);
    assert.equal(new Set(tokens).size, 5);
    assert.match(root.querySelector('.last-vote')!.textContent, /answer 1 was beta, answer 2 was alpha/);
  });

  it('offers a decided vote as a preference pair, the preferred answer first', async () => {
    await open();
    button('Start blind review').click();
    await settle();
    const item = sent.filter((s) => s.method === 'reviewNext').length;
    assert.equal(item, 1);
    press('2');
    await settle();
    root.querySelector<HTMLButtonElement>('.last-vote button')!.click();
    await settle();
    // Answer 2 was alpha (index 0), answer 1 beta (index 1); the reviewed prompt was position 0.
    assert.deepEqual(sent.filter((s) => s.method === 'savePreference').at(-1)?.params, {
      position: 0,
      preferred: 0,
      rejected: 1,
    });
  });

  it('runs the judge on the chosen connection, model, rubric and pair, keeping the choice when the page redraws', async () => {
    await open();
    assert.deepEqual(
      sent.filter((s) => s.method === 'judgeModels').map((s) => s.params),
      [{ connection: 'sim' }],
    );
    const model = root.querySelector<HTMLInputElement>('input[aria-label="Judge model"]')!;
    model.value = 'judge-1';
    model.dispatchEvent(new dom.window.Event('input'));
    const rubric = root.querySelector<HTMLTextAreaElement>('textarea[aria-label="Rubric"]')!;
    assert.equal(rubric.value, 'Be helpful.');
    rubric.value = 'Prefer short answers.';
    rubric.dispatchEvent(new dom.window.Event('input'));
    for (const listener of infoListeners) listener(info);
    await settle();
    assert.equal(root.querySelector<HTMLInputElement>('input[aria-label="Judge model"]')!.value, 'judge-1');
    assert.equal(sent.filter((s) => s.method === 'judgeModels').length, 1);
    button('Judge').click();
    await settle();
    assert.deepEqual(
      sent.filter((s) => s.method === 'judge').map((s) => s.params),
      [{ connection: 'sim', model: 'judge-1', rubric: 'Prefer short answers.', a: 0, b: 1 }],
    );
  });
});
