import * as assert from 'node:assert/strict';
import { ConvertSetupError, type TwcsOptions } from '../../../src/core/convert/model';
import { estimateOutput, OutputTooLargeError } from '../../../src/core/convert/twcs/outputEstimate';
import { scanCsvRecords } from '../../../src/core/convert/twcs/recordScanner';
import { TweetIndexBuilder, type TweetIndex } from '../../../src/core/convert/twcs/tweetIndex';
import { chat, chunksOf, convertText } from './helpers';

async function indexOf(text: string): Promise<TweetIndex> {
  const builder = new TweetIndexBuilder();
  await scanCsvRecords(chunksOf(text, 1 << 16), 44, (view) => builder.add(view));
  return builder.finish();
}

const HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
const DATE = 'Tue Oct 31 22:10:47 +0000 2017';

// Rows in Kaggle's order (answers before the tweets they answer). Thread: 8 → 6 → {5 → 4 → 3 → 1 → 2, 7 → 12};
// 8 lists responses 9 and 10, which are not in the file; 11 answers 20, which is missing. Rows end in CRLF; the
// newlines inside quoted texts are LF.
const SPRINT = [
  HEADER,
  `1,sprintcare,False,${DATE},@115712 I understand. I would like to assist you. We would need to get you into a private secured connection to further assist.,2,3`,
  `2,115712,True,${DATE},@sprintcare and how do you propose we do that,,1`,
  `3,115712,True,${DATE},"@sprintcare I have sent several ""private"" messages 😤\nand no one is responding, as usual",1,4`,
  `5,115712,True,${DATE},@sprintcare I did.,4,6.0`,
  `4,sprintcare,False,${DATE},@115712 Please send us a Private Message so that we can further assist you. Just click ‘Message’ at the top of your profile.,3,5`,
  `6,sprintcare,False,${DATE},@115712 Can you please DM so we can further assist you? ^RR,"5,7",8`,
  `8,115712,True,${DATE},@sprintcare is the worst customer service,"9,6,10",`,
  `7,115712,True,${DATE},"@sprintcare ok, ""DM"" sent\nsee you there",12,6`,
  `12,sprintcare,False,${DATE},"@115712 Got it, thanks! *TS https://t.co/xyz789",,7`,
  `11,AppleSupport,False,${DATE},@99 Happy to help. https://t.co/abc123 -AB,,20`,
].join('\r\n');

const CLEAN: TwcsOptions = {
  stripMentions: true,
  stripSignoffs: true,
  stripLinks: true,
  systemPrompt: 'You are {brand} support.',
};

describe('TWCS (Twitter customer support) → chat', () => {
  for (const chunkSize of [1, 5, 64, 1 << 20]) {
    it(`rebuilds branching threads from reply links, cleans texts, reports the rest (chunks of ${chunkSize})`, async () => {
      const { values, report } = await convertText(SPRINT, { from: 'twcs', to: 'chat', twcs: CLEAN }, chunkSize);
      const system: [string, string] = ['system', 'You are sprintcare support.'];
      const opening: [string, string][] = [
        ['user', 'is the worst customer service'],
        ['assistant', 'Can you please DM so we can further assist you?'],
      ];
      assert.deepEqual(values, [
        chat(
          system,
          ...opening,
          ['user', 'I did.'],
          [
            'assistant',
            'Please send us a Private Message so that we can further assist you. Just click ‘Message’ at the top of your profile.',
          ],
          ['user', 'I have sent several "private" messages 😤\nand no one is responding, as usual'],
          [
            'assistant',
            'I understand. I would like to assist you. We would need to get you into a private secured connection to further assist.',
          ],
        ),
        chat(system, ...opening, ['user', 'ok, "DM" sent\nsee you there'], ['assistant', 'Got it, thanks!']),
      ]);
      assert.equal(report.read, 10);
      assert.equal(report.written, 2);
      assert.equal(estimateOutput(await indexOf(SPRINT), () => true, 0).examples, 2);
      assert.deepEqual(report.skipped, [
        { line: 3, reason: 'customer tweet after the last company reply (nothing answers it)' },
        { line: 13, reason: 'the thread has no customer tweet before the company reply' },
      ]);
    });
  }

  it('keeps texts as they are without cleaning options', async () => {
    const { values } = await convertText(SPRINT, { from: 'twcs', to: 'chat' });
    assert.deepEqual(
      values[1],
      chat(
        ['user', '@sprintcare is the worst customer service'],
        ['assistant', '@115712 Can you please DM so we can further assist you? ^RR'],
        ['user', '@sprintcare ok, "DM" sent\nsee you there'],
        ['assistant', '@115712 Got it, thanks! *TS https://t.co/xyz789'],
      ),
    );
  });

  const MERGE =
    [
      HEADER,
      `20,c1,True,${DATE},@AmazonHelp my order is late,21,`,
      `21,c1,True,${DATE},@AmazonHelp order 123 by the way,22,20`,
      `22,AmazonHelp,False,${DATE},@c1 Sorry to hear that!,23,21`,
      `23,AmazonHelp,False,${DATE},@c1 Can you DM us the details?,24,22`,
      `24,c1,True,${DATE},@AmazonHelp done,25,23`,
      `25,AmazonHelp,False,${DATE},@c1 Thanks we'll look into it ^JAY,,24`,
      `30,c2,True,${DATE},@AppleSupport battery drains fast,31,`,
      `31,AppleSupport,False,${DATE},@c2 Which iOS version are you on? https://t.co/aa -Sam,,30`,
      `40,c3,True,${DATE},@AppleSupport hello?,,`,
    ].join('\n') + '\n';

  it('merges consecutive tweets of one side and drops threads without a company reply', async () => {
    const { values, report } = await convertText(MERGE, {
      from: 'twcs',
      to: 'chat',
      twcs: { stripMentions: true, stripSignoffs: true },
    });
    assert.deepEqual(values, [
      chat(
        ['user', 'my order is late\norder 123 by the way'],
        ['assistant', 'Sorry to hear that!\nCan you DM us the details?'],
        ['user', 'done'],
        ['assistant', "Thanks we'll look into it"],
      ),
      chat(['user', 'battery drains fast'], ['assistant', 'Which iOS version are you on? https://t.co/aa']),
    ]);
    assert.deepEqual(report.skipped, [{ line: 10, reason: 'the thread has no company reply' }]);
  });

  it('keeps only threads answered by the selected brands (case-insensitive) and warns about unknown ones', async () => {
    const { values, report } = await convertText(MERGE, {
      from: 'twcs',
      to: 'chat',
      twcs: { brands: ['applesupport', 'NoSuchBrand'], stripMentions: true },
    });
    assert.equal(values.length, 1);
    assert.deepEqual((values[0] as { messages: unknown[] }).messages[0], {
      role: 'user',
      content: 'battery drains fast',
    });
    assert.equal(report.skippedCount, 7);
    assert.deepEqual(
      report.skipped.slice(0, 6).map((entry) => entry.line),
      [2, 3, 4, 5, 6, 7],
    );
    assert.ok(
      report.skipped
        .slice(0, 6)
        .every((entry) => entry.reason === 'the thread is answered by a company that was not selected'),
    );
    assert.deepEqual(report.warnings, ['no company "NoSuchBrand" answers in this file']);
  });

  it('reports malformed rows, bad ids, duplicates, replies emptied by stripping and reply cycles', async () => {
    const text = [
      HEADER,
      `50,c5,True,${DATE},@Brand hi,51,`,
      `51,Brand,False,${DATE},@c5 https://t.co/x,,50`,
      `abc,c6,True,${DATE},bad id,,`,
      `52,c6,Maybe,${DATE},bad inbound,,`,
      `53,c7,True,${DATE}`,
      `50,c8,True,${DATE},duplicate id,,`,
      `60,Brand,False,${DATE},@c9 loop,61,61`,
      `61,c9,True,${DATE},@Brand loop,60,60`,
      `62,c9,True,${DATE},@Brand hello?,,60`,
      `70,c10,True,${DATE},"broken "quote,,`,
    ].join('\n');
    const { report } = await convertText(text, {
      from: 'twcs',
      to: 'chat',
      twcs: { stripMentions: true, stripLinks: true },
    });
    assert.equal(report.read, 10);
    assert.equal(report.written, 0);
    // The estimate leaves out what the planner leaves out (cycles, threads without a customer tweet or a company
    // reply); it cannot know that stripping will empty the reply of 50, so it counts that thread.
    assert.equal(estimateOutput(await indexOf(text), () => true, 0).examples, 1);
    assert.deepEqual(report.skipped, [
      { line: 2, reason: 'the thread has no company reply' },
      { line: 3, reason: 'tweet text is empty after stripping' },
      { line: 4, reason: 'tweet_id is not a number' },
      { line: 5, reason: 'inbound is neither True nor False' },
      { line: 6, reason: 'malformed CSV row (missing columns or text after a closing quote)' },
      { line: 7, reason: 'duplicate tweet_id (the first row with it is used)' },
      { line: 8, reason: 'replies form a cycle (a tweet answers, through other tweets, itself)' },
      { line: 9, reason: 'replies form a cycle (a tweet answers, through other tweets, itself)' },
      { line: 10, reason: 'customer tweet after the last company reply (nothing answers it)' },
      { line: 11, reason: 'malformed CSV row (missing columns or text after a closing quote)' },
    ]);
  });

  it('converts a single reply chain of 200,000 tweets into one example, not a cycle, without a stack overflow', async () => {
    const count = 200_000;
    const rows = [HEADER];
    // Newest first, as Kaggle lists answers before what they answer.
    for (let id = count; id >= 1; id--) {
      const customer = id % 2 === 1;
      rows.push(
        `${id},${customer ? 'c1' : 'Co'},${customer ? 'True' : 'False'},${DATE},t${id},,${id === 1 ? '' : id - 1}`,
      );
    }
    const { values, report } = await convertText(`${rows.join('\n')}\n`, { from: 'twcs', to: 'chat' }, 1 << 16);
    assert.equal(report.read, count);
    assert.equal(report.written, 1);
    assert.equal(report.skippedCount, 0);
    const messages = (values[0] as { messages: { role: string; content: string }[] }).messages;
    assert.equal(messages.length, count);
    assert.deepEqual(messages[0], { role: 'user', content: 't1' });
    assert.deepEqual(messages[count - 1], { role: 'assistant', content: `t${count}` });
  });

  it('estimates the output of branching threads before writing: stops over the limit, warns under it', async () => {
    // One long customer tweet answered 2,000 times: every answer is an example repeating the 5,000-byte question.
    const question = 'q'.repeat(5000);
    const rows = [HEADER, `1,c1,True,${DATE},${question},,`];
    for (let id = 2; id <= 2001; id++) rows.push(`${id},Co,False,${DATE},answer ${id},,1`);
    const text = `${rows.join('\n')}\n`;
    await assert.rejects(
      convertText(text, { from: 'twcs', to: 'chat', twcs: { maxOutputBytes: 1_000_000 } }, 1 << 16),
      (error: unknown) => {
        assert.ok(error instanceof OutputTooLargeError);
        assert.equal(error.estimate.examples, 2000);
        assert.equal(error.estimate.tweets, 4000);
        assert.match(error.message, /output would be about 10\.\d MB \(2,000 examples, 4,000 tweets\) from 0\.1 MB/);
        return true;
      },
    );
    const { lines, report } = await convertText(text, { from: 'twcs', to: 'chat' }, 1 << 16);
    assert.equal(report.written, 2000);
    const written = lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    const estimate = estimateOutput(await indexOf(text), () => true, 0);
    assert.ok(Math.abs(estimate.bytes - written) < written * 0.05, `${estimate.bytes} vs ${written}`);
    assert.match(report.warnings.join('\n'), /reply threads branch: 2,000 examples repeat the start of their thread/);
  });

  it('links a child through response_tweet_id when it names no parent itself', async () => {
    const text = [
      HEADER,
      `1,c,True,${DATE},question,"2,3",`,
      `2,Co,False,${DATE},answer one,,`,
      `3,Co,False,${DATE},answer two,,`,
    ].join('\n');
    const { values } = await convertText(text, { from: 'twcs', to: 'chat' });
    assert.deepEqual(values, [
      chat(['user', 'question'], ['assistant', 'answer one']),
      chat(['user', 'question'], ['assistant', 'answer two']),
    ]);
  });

  it('refuses files without the TWCS columns and runs without random access', async () => {
    await assert.rejects(
      convertText('a,b\n1,2\n', { from: 'twcs', to: 'chat' }),
      (error: unknown) => error instanceof ConvertSetupError && /header lacks tweet_id/.test(error.message),
    );
    assert.throws(() => convertText(SPRINT, { from: 'twcs', to: 'chat' }, 7, { readAt: undefined }), ConvertSetupError);
  });
});
