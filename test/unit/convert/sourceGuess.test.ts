import * as assert from 'node:assert/strict';
import { guessChatSource, guessExportSource } from '../../../src/core/convert/sourceGuess';

const SUPPORT_CSV = ['conversation_id,turn,customer,agent', 'a,2,Second question,Second answer', ''].join('\n');
const TWCS_CSV = [
  'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
  '1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@AcmeHelp my order is late,2,',
  '',
].join('\n');
const chatLine = (user: string, assistant: string): string =>
  JSON.stringify({
    messages: [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ],
  });

describe('source format guess', () => {
  it('tells TWCS from other CSV by the header, whatever the extension', () => {
    assert.equal(guessChatSource('twcs.csv', TWCS_CSV, true), 'twcs');
    assert.equal(guessChatSource('support.csv', SUPPORT_CSV, true), 'csv');
    assert.equal(guessChatSource('support.tsv', 'q\ta\nhi\thello\n', true), 'csv');
  });

  it('goes by the fields of most of the first JSON lines', () => {
    const lines = (...values: unknown[]): string => values.map((value) => `${JSON.stringify(value)}\n`).join('');
    assert.equal(
      guessChatSource('a.jsonl', lines({ prompt: 'p', completion: 'c' }, { prompt: 'q', completion: 'd' }), true),
      'legacy',
    );
    assert.equal(guessChatSource('a.jsonl', lines({ conversations: [] }, { bad: 1 }), true), 'sharegpt');
    assert.equal(guessChatSource('a.jsonl', lines({ instruction: 'i', output: 'o' }), true), 'alpaca');
    assert.equal(guessChatSource('a.jsonl', lines({ messages: [] }), true), 'trl');
    assert.equal(guessChatSource('a.jsonl', lines({ prompt: 'p', chosen: 'c', rejected: 'r' }), true), 'trl');
    assert.equal(
      guessChatSource('a.jsonl', lines({ prompt: [{ role: 'user', content: 'p' }], completion: [] }), true),
      'trl',
    );
    assert.equal(guessChatSource('a.jsonl', lines({ question: 'q', answer: 'a' }), true), 'mapped');
    assert.equal(guessChatSource('data', lines({ instruction: 'i', output: 'o' }), true), 'alpaca');
    // A cut-off last line is not read: here it is the only alpaca line, so the sharegpt line wins.
    assert.equal(
      guessChatSource('a.jsonl', `${lines({ conversations: [] })}{"instruction":"i","output":"o"}`, false),
      'sharegpt',
    );
  });

  it('tells chat from preference JSONL for exports', () => {
    assert.equal(guessExportSource(`${chatLine('q', 'a')}\n`, true), 'chat');
    const preference = '{"input":{"messages":[]},"preferred_output":[],"non_preferred_output":[]}\n';
    assert.equal(guessExportSource(preference.repeat(2) + chatLine('q', 'a'), true), 'preference');
    assert.equal(guessExportSource('{"text":"x"}\n', true), undefined);
  });
});
