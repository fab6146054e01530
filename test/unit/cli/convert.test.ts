import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertCommand } from '../../../src/cli/commands/convert';
import { UsageError, type CliIO } from '../../../src/cli/command';

function capture(cwd: string): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: (text) => (out += text), stderr: (text) => (err += text), cwd },
    out: () => out,
    err: () => err,
  };
}

// Every option convert takes, as its help must name it.
const CONVERT_OPTION_NAMES = [
  '--from',
  '--to',
  '-o',
  '--force',
  '--json',
  '--encoding',
  '--user-column',
  '--assistant-column',
  '--id-column',
  '--order-column',
  '--system',
  '--delimiter',
  '--no-header',
  '--brand',
  '--strip-mentions',
  '--strip-signoffs',
  '--strip-links',
  '--keep-entities',
  '--max-output-mb',
  '--user',
  '--assistant',
  '--system-field',
  '--separator',
  '--stop',
  '--per-turn',
  '--header',
];

const readLines = (path: string): unknown[] =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

describe('finetune-studio convert', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ft-convert-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('converts CSV with a column mapping and prints a short report with skipped lines', async () => {
    writeFileSync(join(dir, 'support.csv'), 'id,turn,q,a\n1,2,"Thanks, bye",Bye!\n1,1,Hi,Hello\n2,1,,empty question\n');
    const { io, out } = capture(dir);
    const code = await convertCommand.run(
      [
        'support.csv',
        '--from',
        'csv',
        '--to',
        'chat',
        '--user-column',
        'q',
        '--assistant-column',
        'a',
        '--id-column',
        'id',
        '--order-column',
        'turn',
        '--system',
        'Be kind.',
        '-o',
        'out.jsonl',
      ],
      io,
    );
    assert.equal(code, 0);
    assert.deepEqual(readLines(join(dir, 'out.jsonl')), [
      {
        messages: [
          { role: 'system', content: 'Be kind.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Thanks, bye' },
          { role: 'assistant', content: 'Bye!' },
        ],
      },
    ]);
    assert.equal(
      out(),
      [
        `Input: ${join(dir, 'support.csv')}`,
        `Output: ${join(dir, 'out.jsonl')}`,
        'Format: CSV → OpenAI chat.',
        'Columns: user "q", assistant "a", conversation id "id", turn order "turn".',
        'System prompt: "Be kind.".',
        '',
        'Read 3 rows: converted 2 into 1 example, skipped 1.',
        '',
        'Skipped rows:',
        '  line 4: user cell is empty',
        '',
      ].join('\n'),
    );
  });

  it('converts TWCS with brand filter and cleaning, and prints the report as JSON', async () => {
    writeFileSync(
      join(dir, 'twcs.csv'),
      [
        'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
        '2,AppleSupport,False,d,@u1 Try a restart ^KM https://t.co/ab,,1',
        '1,u1,True,d,"@AppleSupport my phone, it ""freezes""",2,',
        '4,AmazonHelp,False,d,@u2 Sorry!,,3',
        '3,u2,True,d,@AmazonHelp late parcel,4,',
      ].join('\n'),
    );
    const { io, out } = capture(dir);
    const code = await convertCommand.run(
      [
        'twcs.csv',
        '--from',
        'twcs',
        '--to',
        'chat',
        '--brand',
        'applesupport',
        '--strip-mentions',
        '--strip-signoffs',
        '--strip-links',
        '--system',
        'You are {brand}.',
        '--json',
      ],
      io,
    );
    assert.equal(code, 0);
    const report = JSON.parse(out()) as {
      output: string;
      read: number;
      written: number;
      skippedCount: number;
      skipped: { line: number }[];
    };
    assert.equal(report.output, join(dir, 'twcs.chat.jsonl'));
    assert.deepEqual([report.read, report.written, report.skippedCount], [4, 1, 2]);
    assert.deepEqual(
      report.skipped.map((entry) => entry.line),
      [4, 5],
    );
    assert.deepEqual(readLines(report.output), [
      {
        messages: [
          { role: 'system', content: 'You are AppleSupport.' },
          { role: 'user', content: 'my phone, it "freezes"' },
          { role: 'assistant', content: 'Try a restart' },
        ],
      },
    ]);
  });

  it('decodes HTML entities in tweets by default and keeps them with --keep-entities', async () => {
    writeFileSync(
      join(dir, 'twcs.csv'),
      [
        'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
        '1,u1,True,d,Q &amp; A &gt; all,2,',
        '2,Co,False,d,It&#39;s &quot;fine&quot;,,1',
        '',
      ].join('\n'),
    );
    const contents = (args: string[]): string[] => {
      const messages = (readLines(join(dir, 'out.jsonl'))[0] as { messages: { content: string }[] }).messages;
      assert.ok(args.length > 0);
      return messages.map((message) => message.content);
    };
    const base = ['twcs.csv', '--from', 'twcs', '--to', 'chat', '-o', 'out.jsonl'];
    assert.equal(await convertCommand.run(base, capture(dir).io), 0);
    assert.deepEqual(contents(base), ['Q & A > all', 'It\'s "fine"']);
    rmSync(join(dir, 'out.jsonl'));
    assert.equal(await convertCommand.run([...base, '--keep-entities'], capture(dir).io), 0);
    assert.deepEqual(contents(base), ['Q &amp; A &gt; all', 'It&#39;s &quot;fine&quot;']);
  });

  it('stops before writing when branching threads would pass --max-output-mb, and says what to rerun with', async () => {
    const rows = ['tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id'];
    rows.push(`1,c1,True,d,${'q'.repeat(5000)},,`);
    for (let id = 2; id <= 501; id++) rows.push(`${id},Co,False,d,answer ${id},,1`);
    writeFileSync(join(dir, 'twcs.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'out.jsonl'), 'old\n');
    const args = ['twcs.csv', '--from', 'twcs', '--to', 'chat', '-o', 'out.jsonl', '--force'];
    const stopped = capture(dir);
    assert.equal(await convertCommand.run([...args, '--max-output-mb', '1'], stopped.io), 1);
    assert.match(
      stopped.err(),
      /output would be about 2\.\d MB \(500 examples, 1,000 tweets\)[^\n]*Nothing was written[^\n]*Rerun with --max-output-mb 3 \(or 0 for no limit\)\.\n$/,
    );
    assert.equal(readFileSync(join(dir, 'out.jsonl'), 'utf8'), 'old\n');
    assert.equal(await convertCommand.run([...args, '--max-output-mb', '3'], capture(dir).io), 0);
    assert.equal(readLines(join(dir, 'out.jsonl')).length, 500);
    await assert.rejects(convertCommand.run([...args, '--max-output-mb', 'lots'], capture(dir).io), UsageError);
  });

  it('understands escapes in --separator and --stop for the legacy template', async () => {
    writeFileSync(
      join(dir, 'chat.jsonl'),
      '{"messages":[{"role":"system","content":"S"},{"role":"user","content":"Q"},{"role":"assistant","content":"A"}]}\n',
    );
    const { io } = capture(dir);
    assert.equal(
      await convertCommand.run(
        [
          'chat.jsonl',
          '--from',
          'chat',
          '--to',
          'legacy',
          '--separator',
          '\\n---\\n',
          '--stop',
          ' END',
          '-o',
          'legacy.jsonl',
        ],
        io,
      ),
      0,
    );
    assert.deepEqual(readLines(join(dir, 'legacy.jsonl')), [
      { prompt: 'S\n---\nCustomer: Q\nAgent:', completion: ' A END' },
    ]);
  });

  it('writes one legacy pair per assistant turn with --per-turn and a --header', async () => {
    writeFileSync(
      join(dir, 'chat.jsonl'),
      `${JSON.stringify({
        messages: [
          { role: 'system', content: 'late parcel' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello' },
          { role: 'user', content: 'Where is it?' },
          { role: 'assistant', content: 'Tomorrow.' },
        ],
      })}\n`,
    );
    const args = ['chat.jsonl', '--from', 'chat', '--to', 'legacy', '-o', 'legacy.jsonl', '--per-turn'];
    const header = ['--header', 'Summary: {system}\\n\\nSpecific information: none'];
    const { io, out } = capture(dir);
    assert.equal(await convertCommand.run([...args, ...header], io), 0);
    const top = 'Summary: late parcel\n\nSpecific information: none\n\n###\n\n';
    assert.deepEqual(readLines(join(dir, 'legacy.jsonl')), [
      { prompt: `${top}Customer: Hi\nAgent:`, completion: ' Hello\n' },
      { prompt: `${top}Customer: Hi\nAgent: Hello\nCustomer: Where is it?\nAgent:`, completion: ' Tomorrow.\n' },
    ]);
    assert.match(
      out(),
      /One example per assistant turn\.\n[\s\S]*Read 1 row: converted 1 into 2 examples, skipped 0\./,
    );
    await assert.rejects(
      convertCommand.run(['chat.jsonl', '--from', 'chat', '--to', 'sharegpt', '--per-turn'], capture(dir).io),
      /--per-turn does not apply to --from chat --to sharegpt/,
    );
  });

  it('exits 1 and writes nothing when no row converts', async () => {
    writeFileSync(join(dir, 'bad.jsonl'), '{"nothing": 1}\nnot json\n');
    const { io, out } = capture(dir);
    assert.equal(
      await convertCommand.run(['bad.jsonl', '--from', 'sharegpt', '--to', 'chat', '-o', 'out.jsonl'], io),
      1,
    );
    assert.equal(existsSync(join(dir, 'out.jsonl')), false);
    assert.match(
      out(),
      /^Input: .*\nOutput: none\nFormat: ShareGPT → OpenAI chat\.\n\nRead 2 rows: converted 0 into 0 examples, skipped 2\.\nNothing converted, so no file was written\.\n\nSkipped rows:\n {2}line 1: no "conversations" list\n {2}line 2: not valid JSON/,
    );
  });

  it('throws UsageError for bad usage: unsupported pairs, missing mapping, options of another format, output = input', async () => {
    writeFileSync(join(dir, 'in.csv'), 'q,a\nx,y\n');
    const { io } = capture(dir);
    const cases: [string[], RegExp][] = [
      [['in.csv', '--from', 'sharegpt', '--to', 'alpaca'], /Cannot convert sharegpt to alpaca/],
      [['in.csv', '--from', 'csv', '--to', 'chat'], /needs --user-column and --assistant-column/],
      [
        ['in.csv', '--from', 'csv', '--to', 'chat', '--user-column', 'q', '--assistant-column', 'a', '--brand', 'x'],
        /--brand does not apply to --from csv/,
      ],
      [
        ['in.csv', '--from', 'csv', '--to', 'chat', '--user-column', 'q', '--assistant-column', 'a', '-o', 'in.csv'],
        /Refusing to write/,
      ],
      [
        ['in.csv', '--from', 'csv', '--to', 'chat', '--user-column', 'nope', '--assistant-column', 'a'],
        /No user column "nope"/,
      ],
      [['in.csv', '--from', 'yaml', '--to', 'chat'], /--from must be one of/],
      [
        [
          'in.csv',
          '--from',
          'csv',
          '--to',
          'chat',
          '--user-column',
          'q',
          '--assistant-column',
          'a',
          '--delimiter',
          ';;',
        ],
        /--delimiter must be one character/,
      ],
      [['in.csv', 'more.csv', '--from', 'chat', '--to', 'chat'], /exactly one INPUT/],
      [['in.csv', '--from', 'chat', '--to', 'chat', '--frobnicate'], /Unknown option/],
    ];
    for (const [args, message] of cases) {
      await assert.rejects(
        convertCommand.run(args, io),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
        args.join(' '),
      );
    }
    assert.equal(readFileSync(join(dir, 'in.csv'), 'utf8'), 'q,a\nx,y\n');
  });

  it('escapes terminal control characters that the data puts into skip reasons', async () => {
    // V8 quotes the broken text in its JSON.parse message, so the escape sequence reaches the reason raw.
    writeFileSync(join(dir, 'evil.jsonl'), 'x\u001b]0;owned\u0007\u001b[2J\n');
    const { io, out } = capture(dir);
    assert.equal(await convertCommand.run(['evil.jsonl', '--from', 'sharegpt', '--to', 'chat'], io), 1);
    assert.doesNotMatch(out(), /[\u0000-\u0009\u000b-\u001f]/);
    assert.match(out(), /\\u001b\[2J/);
  });

  it('stops on a Latin-1 CSV with the byte offset and file name, and converts it with --encoding latin1', async () => {
    writeFileSync(join(dir, 'fr.csv'), Buffer.from('q,a\ncafé,oui\n', 'latin1'));
    const args = ['fr.csv', '--from', 'csv', '--to', 'chat', '--user-column', 'q', '--assistant-column', 'a'];
    const failed = capture(dir);
    assert.equal(await convertCommand.run(args, failed.io), 1);
    assert.match(failed.err(), /^error: .*fr\.csv is not UTF-8: byte 0xE9 at offset 7 \(line 2, byte 4 of the line\)/);
    assert.equal(existsSync(join(dir, 'fr.chat.jsonl')), false);
    const decoded = capture(dir);
    assert.equal(await convertCommand.run([...args, '--encoding', 'latin1'], decoded.io), 0);
    assert.match(decoded.out(), /^Input: .*fr\.csv \(read as latin1\)\n/);
    assert.deepEqual(readLines(join(dir, 'fr.chat.jsonl')), [
      {
        messages: [
          { role: 'user', content: 'café' },
          { role: 'assistant', content: 'oui' },
        ],
      },
    ]);
    await assert.rejects(convertCommand.run([...args, '--encoding', 'ebcdic'], capture(dir).io), UsageError);
  });

  it('maps JSON fields like the extension: templates joining fields, dot paths into lists, guessed fields', async () => {
    writeFileSync(
      join(dir, 'alpaca.jsonl'),
      `${JSON.stringify({ instruction: 'Translate', input: 'Hallo', output: 'Hello' })}\n${JSON.stringify({ instruction: 'Say hi', input: '', output: 'Hi' })}\n`,
    );
    const alpaca = ['alpaca.jsonl', '--from', 'json', '--to', 'chat', '-o', 'a.jsonl'];
    const joined = capture(dir);
    assert.equal(
      await convertCommand.run([...alpaca, '--user', '{instruction}\\n\\n{input}', '--assistant', 'output'], joined.io),
      0,
    );
    assert.deepEqual(
      readLines(join(dir, 'a.jsonl')).map((line) => (line as { messages: { content: string }[] }).messages[0]!.content),
      ['Translate\n\nHallo', 'Say hi'],
    );
    assert.match(joined.out(), /Fields: user "\{instruction\}\\n\\n\{input\}", assistant "output"\./);

    writeFileSync(
      join(dir, 'sharegpt.jsonl'),
      `${JSON.stringify({
        conversations: [
          { from: 'human', value: 'Q?' },
          { from: 'gpt', value: 'A.' },
        ],
      })}\n`,
    );
    const paths = ['sharegpt.jsonl', '--from', 'json', '--to', 'chat', '-o', 's.jsonl'];
    const args = [...paths, '--user', 'conversations.0.value', '--assistant', 'conversations.1.value'];
    assert.equal(await convertCommand.run(args, capture(dir).io), 0);
    assert.deepEqual(readLines(join(dir, 's.jsonl')), [
      {
        messages: [
          { role: 'user', content: 'Q?' },
          { role: 'assistant', content: 'A.' },
        ],
      },
    ]);

    writeFileSync(join(dir, 'qa.jsonl'), `${JSON.stringify({ question: 'Why?', answer: 'Because.' })}\n`);
    const guessed = capture(dir);
    assert.equal(
      await convertCommand.run(['qa.jsonl', '--from', 'json', '--to', 'chat', '-o', 'q.jsonl'], guessed.io),
      0,
    );
    assert.match(guessed.out(), /Fields: user "question", assistant "answer"\./);
    await assert.rejects(
      convertCommand.run(['qa.jsonl', '--from', 'csv', '--to', 'chat', '--user', 'question'], capture(dir).io),
      /--user does not apply to --from csv/,
    );
    await assert.rejects(
      convertCommand.run(['qa.jsonl', '--from', 'json', '--to', 'chat', '--system', 'Be kind.'], capture(dir).io),
      /--system does not apply to --from json/,
    );
  });

  it('documents every option in its help, with the output limit and the encoding rule', () => {
    for (const option of CONVERT_OPTION_NAMES) assert.ok(convertCommand.usage.includes(option), option);
    assert.match(convertCommand.usage, /--max-output-mb N\] every branch of a reply thread/);
    assert.match(convertCommand.usage, /must be UTF-8 unless --encoding names its encoding/);
  });

  it('reports a missing input file as an error with exit 1', async () => {
    const { io, err } = capture(dir);
    assert.equal(await convertCommand.run(['missing.jsonl', '--from', 'chat', '--to', 'sharegpt'], io), 1);
    assert.match(err(), /^error: Cannot read \/.*\/missing\.jsonl: no such file or folder \(ENOENT\)\n$/);
  });
});
