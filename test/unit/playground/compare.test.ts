import * as assert from 'node:assert/strict';
import { addVote, formatTallyEntry, type TallyEntry } from '../../../webview/playground/comparison';
import { baseModelOf, defaultPairing } from '../../../webview/playground/defaultPairing';
import { chatExample, chatParams, codeParams, votedPreference } from '../../../webview/playground/conversationRequests';
import {
  canVote,
  initialState,
  isBusy,
  isUntouched,
  namesHidden,
  pairColumns,
  reduce,
  restoreState,
  type Action,
  type PlaygroundState,
} from '../../../webview/playground/state';

const apply = (state: PlaygroundState, ...actions: Action[]) => actions.reduce(reduce, state);
const done = (column: number): Action => ({
  type: 'end',
  column,
  end: { ended: 'done', finishReason: 'stop' },
  metrics: {},
});
const reply = (column: number, text: string): Action[] => [{ type: 'delta', column, text }, done(column)];

/** Base (column 2) and fine-tuned (column 3) side by side. */
function pair(): PlaygroundState {
  return pairColumns(
    initialState(),
    { connectionId: 'sim', model: 'sim-chat' },
    { connectionId: 'sim', model: 'ft:sim-chat:studio::sim001' },
  );
}

describe('playground compare and blind votes', () => {
  it('compares two columns without hiding anything when not blind, in column order', () => {
    const state = apply(pair(), { type: 'send', text: 'q', random: 0.9 });
    assert.deepEqual(state.comparison, { order: [2, 3], blind: false });
    assert.equal(namesHidden(state), false);
    assert.equal(canVote(state), false, 'not before both replies ended');
  });

  it('blind: the A/B order follows the random number, names stay hidden until the vote, and only then', () => {
    const blind = apply(pair(), { type: 'setBlind', blind: true });
    assert.deepEqual(apply(blind, { type: 'send', text: 'q', random: 0.2 }).comparison?.order, [2, 3]);
    let state = apply(blind, { type: 'send', text: 'q', random: 0.7 });
    assert.deepEqual(state.comparison?.order, [3, 2]);
    assert.ok(namesHidden(state));
    state = apply(state, { type: 'vote', vote: 'a' });
    assert.equal(state.comparison?.vote, undefined, 'no vote while replies stream');
    state = apply(state, ...reply(2, 'base answer'), ...reply(3, 'tuned answer'));
    assert.ok(canVote(state));
    state = apply(state, { type: 'vote', vote: 'a' });
    assert.equal(state.comparison?.vote, 'a');
    assert.equal(namesHidden(state), false);
    // A was column 3, the fine-tune: it won.
    assert.deepEqual(state.tally, [
      { models: ['sim/ft:sim-chat:studio::sim001', 'sim/sim-chat'], wins: [1, 0], ties: 0, bothBad: 0 },
    ]);
    assert.deepEqual(apply(state, { type: 'vote', vote: 'b' }).tally, state.tally, 'one vote per exchange');
  });

  it('a vote makes a preference example: the winner’s conversation up to the question and both answers', () => {
    let state = apply(
      pair(),
      { type: 'setParameters', column: 3, parameters: { systemPrompt: 'Be kind' } },
      { type: 'setBlind', blind: true },
      { type: 'send', text: 'first', random: 0.1 },
      ...reply(2, 'b1'),
      ...reply(3, 't1'),
      { type: 'vote', vote: 'tie' },
      { type: 'send', text: 'second', random: 0.9 },
      ...reply(2, 'b2'),
      ...reply(3, 't2'),
    );
    assert.equal(votedPreference(state), undefined, 'no vote yet');
    state = apply(state, { type: 'vote', vote: 'b' });
    // Order [3, 2]: B is column 2, the base model.
    assert.deepEqual(votedPreference(state), {
      kind: 'preference',
      systemPrompt: '',
      turns: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'b1' },
        { role: 'user', content: 'second' },
      ],
      preferred: 'b2',
      nonPreferred: 't2',
    });
    assert.equal(
      apply(state, { type: 'preferenceSaved', savedTo: 'prefs.jsonl:4' }).comparison?.savedTo,
      'prefs.jsonl:4',
    );
    const tie = apply(state, { type: 'send', text: 'third' }, ...reply(2, 'x'), ...reply(3, 'y'), {
      type: 'vote',
      vote: 'bothBad',
    });
    assert.equal(votedPreference(tie), undefined, 'both bad is no preference');
    assert.equal(tie.tally[0]?.ties, 1);
    assert.equal(tie.tally[0]?.bothBad, 1);
  });

  it('blind compare needs exactly two columns, and a third column ends it', () => {
    assert.equal(apply(initialState(), { type: 'setBlind', blind: true }).blind, false);
    const blind = apply(pair(), { type: 'setBlind', blind: true });
    assert.equal(blind.blind, true);
    assert.equal(apply(blind, { type: 'addColumn' }).blind, false);
    const three = apply(pair(), { type: 'addColumn' }, { type: 'send', text: 'q' });
    assert.equal(three.comparison, undefined, 'three columns answer without a comparison');
  });

  it('keeps a tally per model pair whichever side each model was shown on', () => {
    let tally: TallyEntry[] = [];
    tally = addVote(tally, 'x/a', 'x/b', 'a');
    tally = addVote(tally, 'x/b', 'x/a', 'a');
    tally = addVote(tally, 'x/b', 'x/a', 'tie');
    tally = addVote(tally, 'x/c', 'x/a', 'b');
    assert.deepEqual(tally, [
      { models: ['x/a', 'x/b'], wins: [1, 1], ties: 1, bothBad: 0 },
      { models: ['x/a', 'x/c'], wins: [1, 0], ties: 0, bothBad: 0 },
    ]);
    assert.equal(
      formatTallyEntry(tally[0]!, (key) => key.slice(2)),
      'a 1 – 1 b, 1 tie',
    );
  });
});

describe('playground modes, examples and code', () => {
  const chatColumn = () =>
    apply(initialState(), { type: 'setModel', column: 1, connectionId: 'sim', model: 'sim-completion' });

  it('completion mode fills the legacy defaults only where the column has no value, and sends the template', () => {
    let state = apply(
      chatColumn(),
      { type: 'setParameters', column: 1, parameters: { temperature: 0.3 } },
      { type: 'setMode', column: 1, mode: 'completion' },
    );
    const p = state.columns[0]!.parameters;
    assert.deepEqual([p.temperature, p.topP, p.maxTokens, p.stop], [0.3, 1, 150, ['\nHuman']]);
    state = apply(
      state,
      { type: 'setTemplate', column: 1, template: 'Q: {question}\nA:' },
      { type: 'send', text: 'hi' },
    );
    assert.deepEqual(chatParams(state.columns[0]!).completion, { template: 'Q: {question}\nA:' });
    assert.equal(
      chatParams(apply(state, { type: 'setMode', column: 1, mode: 'chat' }).columns[0]!).completion,
      undefined,
    );
  });

  it('loads a dataset example into every column with a model, regenerating its answer beside the reference', () => {
    let state = apply(pair(), { type: 'setBlind', blind: true });
    state = apply(state, {
      type: 'loadExample',
      example: {
        source: 'train.jsonl:3',
        systemPrompt: 'You are support.',
        turns: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: 'my order?' },
        ],
        reference: 'It ships today.',
      },
      random: 0.9,
    });
    assert.deepEqual(state.reference, { source: 'train.jsonl:3', text: 'It ships today.' });
    assert.ok(isBusy(state));
    for (const column of state.columns) {
      assert.equal(column.parameters.systemPrompt, 'You are support.');
      assert.deepEqual(chatParams(column).turns, [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'my order?' },
      ]);
    }
    assert.deepEqual(state.comparison?.order, [3, 2], 'a loaded example is compared blind too');
    assert.equal(apply(state, { type: 'loadExample', example: { source: 's', systemPrompt: '', turns: [] } }), state);
    assert.equal(apply(state, { type: 'dismissReference' }).reference, undefined);
  });

  it('a saved reply is the conversation up to it, with the (edited) text, and the system prompt in chat mode', () => {
    const state = apply(
      chatColumn(),
      { type: 'setParameters', column: 1, parameters: { systemPrompt: 'S' } },
      { type: 'send', text: 'q1' },
      ...reply(1, 'a1'),
      { type: 'send', text: 'q2' },
      { type: 'fail', column: 1, message: 'boom' },
      { type: 'retry', column: 1 },
      ...reply(1, 'a2'),
    );
    const column = state.columns[0]!;
    assert.deepEqual(chatExample(column, 1, 'a1 edited'), {
      kind: 'chat',
      systemPrompt: 'S',
      turns: [
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1 edited' },
      ],
    });
    assert.equal(chatExample(column, 3, 'a2').turns.length, 4);
    const completion = apply(state, { type: 'setMode', column: 1, mode: 'completion' }).columns[0]!;
    assert.equal(chatExample(completion, 1, 'a1').systemPrompt, '', 'completion mode has no system prompt');
  });

  it('View code shows the next request: the draft as the new message, else the last reply’s request', () => {
    const state = apply(chatColumn(), { type: 'send', text: 'q1' }, ...reply(1, 'a1'));
    const column = state.columns[0]!;
    assert.deepEqual(codeParams(column, 'q2').turns, [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
    ]);
    assert.deepEqual(codeParams(column, '  ').turns, [{ role: 'user', content: 'q1' }]);
    assert.deepEqual(codeParams(initialState().columns[0]!, '').turns, [{ role: 'user', content: 'Hello!' }]);
  });

  it('restores a state saved before modes and votes existed with their defaults', () => {
    const old = JSON.parse(JSON.stringify(chatColumn())) as Record<string, unknown>;
    delete old.blind;
    delete old.tally;
    for (const column of old.columns as Record<string, unknown>[]) {
      delete column.mode;
      delete column.template;
    }
    const state = restoreState(old);
    assert.equal(state.blind, false);
    assert.deepEqual(state.tally, []);
    assert.equal(state.columns[0]?.mode, 'chat');
    assert.equal(state.columns[0]?.template, 'Human:{question}\nAI:');
  });
});

describe('playground default pairing', () => {
  const listed = (models: string[], id = 'sim') => ({
    connectionId: id,
    connectionName: id,
    models,
    nonStreaming: [],
    shutdowns: {},
  });

  it('pairs the first fine-tuned model with its base model on the same connection', () => {
    assert.deepEqual(defaultPairing([listed(['other']), listed(['ft:sim-chat:studio::sim001', 'sim-chat'], 'b')]), {
      base: { connectionId: 'b', model: 'sim-chat' },
      fineTuned: { connectionId: 'b', model: 'ft:sim-chat:studio::sim001' },
    });
  });

  it('pairs nothing without a fine-tune whose base is listed', () => {
    assert.equal(defaultPairing([listed(['ft:gpt-x:org::1', 'sim-chat'])]), undefined);
    assert.equal(defaultPairing([listed(['a', 'b'])]), undefined);
    assert.equal(defaultPairing([]), undefined);
  });

  it('reads the base model from a fine-tuned id', () => {
    assert.equal(baseModelOf('ft:gpt-4o-mini-2024-07-18:acme:support:abc123'), 'gpt-4o-mini-2024-07-18');
    assert.equal(baseModelOf('gpt-4o'), undefined);
    assert.equal(baseModelOf('ft:'), undefined);
  });

  it('only fills a playground that was never used', () => {
    assert.ok(isUntouched(initialState()));
    assert.ok(!isUntouched(chatColumnState()));
  });
});

function chatColumnState(): PlaygroundState {
  return apply(initialState(), { type: 'setModel', column: 1, connectionId: 'sim', model: 'm' });
}
