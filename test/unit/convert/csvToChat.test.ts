import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertFile } from '../../../src/core/convert/convertFile';
import { ConversationGrouper } from '../../../src/core/convert/csv/conversationGroups';
import { UnclosedQuoteError } from '../../../src/core/convert/csv/csvRecords';
import { ConvertSetupError, type ConvertSpec } from '../../../src/core/convert/model';
import { chat, convertText } from './helpers';

const SUPPORT_CSV = [
  'conversation_id,turn,customer,agent',
  "1001,2,It's ORD-55821.,Thanks. It's with the courier and due tomorrow before 6pm.",
  '1002,10,"12 Main St,',
  'Springfield","Done. ""12 Main St"" is saved."',
  '1001,1,"Hi, my parcel hasn\'t arrived yet.",Sorry to hear that! Could you share your order number?',
  '1002,2,"Hi, can I change my address?","Sure, what\'s the new one?"',
  '1002,11,,nobody asked',
  '1003,1,Only one 😀,Single',
].join('\n');

describe('CSV → chat', () => {
  it('groups rows by id in first-appearance order, sorts by a numeric order column, keeps quoted newlines', async () => {
    const mapping = {
      userColumn: 'customer',
      assistantColumn: 'agent',
      idColumn: 'conversation_id',
      orderColumn: 'turn',
      system: 'You are Acme Support.',
    };
    const { values, report } = await convertText(SUPPORT_CSV, { from: 'csv', to: 'chat', csv: { mapping } }, 5);
    const system: [string, string] = ['system', 'You are Acme Support.'];
    assert.deepEqual(values, [
      chat(
        system,
        ['user', "Hi, my parcel hasn't arrived yet."],
        ['assistant', 'Sorry to hear that! Could you share your order number?'],
        ['user', "It's ORD-55821."],
        ['assistant', "Thanks. It's with the courier and due tomorrow before 6pm."],
      ),
      chat(
        system,
        ['user', 'Hi, can I change my address?'],
        ['assistant', "Sure, what's the new one?"],
        ['user', '12 Main St,\nSpringfield'],
        ['assistant', 'Done. "12 Main St" is saved.'],
      ),
      chat(system, ['user', 'Only one 😀'], ['assistant', 'Single']),
    ]);
    assert.equal(report.read, 6);
    assert.equal(report.written, 3);
    assert.deepEqual(report.skipped, [{ line: 7, reason: 'user cell is empty' }]);
  });

  it('orders by string when an order value is not a number, and by file order without an order column', async () => {
    const text = 'id,step,q,a\nx,b,second,2\nx,a,first,1\nx,10,third,3\n';
    const byString = await convertText(text, {
      from: 'csv',
      to: 'chat',
      csv: { mapping: { userColumn: 'q', assistantColumn: 'a', idColumn: 'id', orderColumn: 'step' } },
    });
    assert.deepEqual(byString.values, [
      chat(
        ['user', 'third'],
        ['assistant', '3'],
        ['user', 'first'],
        ['assistant', '1'],
        ['user', 'second'],
        ['assistant', '2'],
      ),
    ]);
    const byFile = await convertText(text, {
      from: 'csv',
      to: 'chat',
      csv: { mapping: { userColumn: 'q', assistantColumn: 'a', idColumn: 'id' } },
    });
    assert.deepEqual(byFile.values, [
      chat(
        ['user', 'second'],
        ['assistant', '2'],
        ['user', 'first'],
        ['assistant', '1'],
        ['user', 'third'],
        ['assistant', '3'],
      ),
    ]);
  });

  it('reads headerless semicolon CSV with BOM and CRLF by column index; counts blank lines in line numbers', async () => {
    const text = '\uFEFFWhat is 2+2?;4\r\n\r\nShort row\r\nWhat is 3+3?;"6; of course"\r\n';
    const { values, report } = await convertText(
      text,
      { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 0, assistantColumn: '1' } } },
      3,
    );
    assert.deepEqual(values, [
      chat(['user', 'What is 2+2?'], ['assistant', '4']),
      chat(['user', 'What is 3+3?'], ['assistant', '6; of course']),
    ]);
    assert.deepEqual(report.skipped, [{ line: 3, reason: 'row has 1 cells; column 2 is missing' }]);
    assert.deepEqual(report.warnings, ['delimiter detected as ";"']);
  });

  it('reports malformed quoting as a skipped row and goes on', async () => {
    const text = 'q,a\nfine,ok\n"open quote,never closed\n';
    const { values, report } = await convertText(text, {
      from: 'csv',
      to: 'chat',
      csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } },
    });
    assert.deepEqual(values, [chat(['user', 'fine'], ['assistant', 'ok'])]);
    assert.equal(report.read, 2);
    assert.equal(report.skipped[0]!.line, 3);
    assert.equal(report.skipped[0]!.reason, 'malformed CSV: a quote opens a cell on this line and is never closed');
    // Blank lines after it are nothing it could swallow.
    for (const end of ['\r\n', '\n\n\n', '\r\n \r\n\t', '\r\r', '']) {
      for (const chunkSize of [1, 2, 7, 64]) {
        const tail = await convertText(
          `q,a\r\nfine,ok\r\n"open quote,never closed${end}`,
          { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } },
          chunkSize,
        );
        assert.deepEqual(
          tail.report.skipped.map((row) => row.line),
          [3],
          `${JSON.stringify(end)} in chunks of ${chunkSize}`,
        );
      }
    }
  });

  it('numbers lines right after quoted cells with CRLF, LF or CR line ends inside', async () => {
    const spec: ConvertSpec = { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } };
    for (const end of ['\r\n', '\n']) {
      const text = ['q,a', '"multi', 'line', 'more",x', '', 'bad,', 'bad2,', ''].join(end);
      const { report } = await convertText(text, spec);
      assert.deepEqual(
        report.skipped.map((row) => row.line),
        [6, 7],
        JSON.stringify(end),
      );
    }
  });

  it('fails before any output when a mapped column does not exist', async () => {
    await assert.rejects(
      convertText('question,answer\nq,a\n', {
        from: 'csv',
        to: 'chat',
        csv: { mapping: { userColumn: 'prompt', assistantColumn: 'answer' } },
      }),
      (error: unknown) =>
        error instanceof ConvertSetupError &&
        /No user column "prompt": columns are "question", "answer"/.test(error.message),
    );
  });

  it('converts the example file shipped with the extension', async () => {
    const text = readFileSync(join(__dirname, '../../../examples/support-conversations.csv'), 'utf8');
    const mapping = {
      userColumn: 'customer',
      assistantColumn: 'agent',
      idColumn: 'conversation_id',
      orderColumn: 'turn',
    };
    const { report, values } = await convertText(text, { from: 'csv', to: 'chat', csv: { mapping } }, 64);
    assert.equal(report.skippedCount, 0);
    assert.ok(values.length > 0 && values.length < report.read, 'rows were grouped into conversations');
  });
});

describe('ConversationGrouper', () => {
  const row = (line: number, text: string) => ({ line, user: text, assistant: text, order: '' });

  it('streams once ids prove contiguous and refuses an id that comes back after it was written', () => {
    const grouper = new ConversationGrouper({ streamAfterChars: 10, collectLimitChars: 100 });
    assert.deepEqual(grouper.add('a', row(1, 'aaa')), []);
    assert.deepEqual(
      grouper.add('b', row(2, 'bbb')),
      [{ id: 'a', rows: [row(1, 'aaa')] }],
      'past 10 characters the finished group is written',
    );
    assert.deepEqual(grouper.add('b', row(3, 'b')), []);
    assert.deepEqual(grouper.add('c', row(4, 'c')), [{ id: 'b', rows: [row(2, 'bbb'), row(3, 'b')] }]);
    assert.match(
      grouper.add('a', row(5, 'late')) as string,
      /^id "a" appears again after its conversation was written/,
    );
    assert.deepEqual(grouper.finish(), [{ id: 'c', rows: [row(4, 'c')] }]);
  });

  it('holds interleaved ids until the end, and stops past the collect limit', () => {
    const small = new ConversationGrouper({ streamAfterChars: 4, collectLimitChars: 100 });
    small.add('a', row(1, 'a'));
    small.add('b', row(2, 'b'));
    assert.deepEqual(small.add('a', row(3, 'aaaa')), [], 'an interleaved id keeps everything held');
    assert.deepEqual(
      small.finish().map((group) => [group.id, group.rows.length]),
      [
        ['a', 2],
        ['b', 1],
      ],
    );
    const limited = new ConversationGrouper({ streamAfterChars: 1000, collectLimitChars: 30 });
    limited.add('a', row(1, 'aaaa'));
    limited.add('b', row(2, 'bbbb'));
    limited.add('a', row(3, 'aaaa'));
    assert.throws(
      () => limited.add('b', row(4, 'bbbb')),
      (error: unknown) => error instanceof ConvertSetupError && /more than 30 characters/.test(error.message),
    );
  });
});

describe('CSV with a quote that is never closed', () => {
  const spec: ConvertSpec = { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } };

  it('stops and names the line where the quote opened, instead of swallowing the rest of the file', async () => {
    const text = 'q,a\nhi,ho\n\n"broken,x\nok,fine\nok2,fine2\n';
    for (const chunkSize of [1, 7, 1 << 16]) {
      await assert.rejects(convertText(text, spec, chunkSize), (error: unknown) => {
        assert.ok(error instanceof UnclosedQuoteError);
        assert.equal(error.line, 4);
        assert.match(
          error.message,
          /^the CSV record on line 4 opens a quote that is never closed: every row after it, to the end of the file/,
        );
        return true;
      });
    }
  });

  it('writes nothing and names the file through convertFile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-quote-'));
    try {
      const input = join(dir, 'in.csv');
      writeFileSync(input, 'q,a\nhi,ho\n"broken,x\nok,fine\n');
      await assert.rejects(convertFile(input, join(dir, 'out.jsonl'), spec), (error: unknown) => {
        assert.ok(error instanceof UnclosedQuoteError);
        assert.ok(error.message.startsWith(`${input}: the CSV record on line 3`));
        return true;
      });
      assert.deepEqual(readdirSync(dir), ['in.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
