import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertFile } from '../../../src/core/convert/convertFile';
import { InputEncodingError } from '../../../src/core/convert/inputEncoding';
import { sniffUtf16 } from '../../../src/core/text/utf16';
import type { ConvertSpec } from '../../../src/core/convert/model';
import { chat, convertText } from './helpers';

const CSV: ConvertSpec = { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } };
const TWCS: ConvertSpec = { from: 'twcs', to: 'chat' };
const TWEETS = [
  'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id',
  '1,c1,True,d,Où est ma commande ?,2,',
  '2,Co,False,d,"Elle arrive, désolé – 5 €",,1',
  '',
].join('\n');

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
const bom = (encoding: 'le' | 'be'): Buffer => Buffer.from(encoding === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]);

async function encodingError(text: Buffer, spec: ConvertSpec, chunkSize = 7): Promise<string> {
  let message = '';
  await assert.rejects(convertText(text, spec, chunkSize), (error: unknown) => {
    assert.ok(error instanceof InputEncodingError);
    message = error.message;
    return true;
  });
  return message;
}

describe('input encodings', () => {
  it('stops a Latin-1 CSV at the first byte that is not UTF-8, naming its offset and line, instead of writing U+FFFD', async () => {
    const latin1 = Buffer.from('q,a\nhello,world\ncafé,oui\n', 'latin1');
    for (const chunkSize of [1, 3, 1 << 16]) {
      const message = await encodingError(latin1, CSV, chunkSize);
      assert.match(message, /^The input is not UTF-8: byte 0xE9 at offset 19 \(line 3, byte 4 of the line\)/);
      assert.match(message, /Latin-1 or Windows-1252/);
    }
  });

  it('decodes a named encoding: latin1, windows-1252, UTF-16 LE and BE with or without a byte order mark', async () => {
    const text = 'q,a\n"Où, “quand” ?",5 € – merci\n';
    const expected = [chat(['user', 'Où, “quand” ?'], ['assistant', '5 € – merci'])];
    const cases: [string, Buffer][] = [
      // Windows-1252 bytes: ù is 0xF9, the curly quotes 0x93 and 0x94, € 0x80, the en dash 0x96.
      ['windows-1252', Buffer.from('q,a\n"O\xf9, \x93quand\x94 ?",5 \x80 \x96 merci\n', 'latin1')],
      ['utf-16le', Buffer.concat([bom('le'), Buffer.from(text, 'utf16le')])],
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['utf-16be', Buffer.concat([bom('be'), utf16be(text)])],
      ['utf-16be', utf16be(text)],
    ];
    for (const [encoding, bytes] of cases) {
      const { values } = await convertText(bytes, CSV, 5, { encoding: encoding as 'utf-16le' });
      assert.deepEqual(values, expected, encoding);
    }
    const latin1 = Buffer.from('q,a\ncafé,très bien\n', 'latin1');
    const { values } = await convertText(latin1, CSV, 3, { encoding: 'latin1' });
    assert.deepEqual(values, [chat(['user', 'café'], ['assistant', 'très bien'])]);
  });

  it('names UTF-16 (with or without a byte order mark) in the message, for CSV and TWCS', async () => {
    const text = 'q,a\nhello,world\n';
    assert.match(
      await encodingError(Buffer.concat([bom('le'), Buffer.from(text, 'utf16le')]), CSV),
      /is UTF-16 LE, not UTF-8/,
    );
    assert.match(await encodingError(utf16be(text), CSV), /is UTF-16 BE, not UTF-8/);
    assert.match(await encodingError(Buffer.from(TWEETS, 'utf16le'), TWCS), /is UTF-16 LE, not UTF-8/);
    assert.equal(sniffUtf16(Buffer.from('plain ascii text', 'utf8')), undefined);
  });

  it('names CR-only line endings: TWCS refuses them, CSV reads them with a warning', async () => {
    const message = await encodingError(Buffer.from(TWEETS.replaceAll('\n', '\r'), 'utf8'), TWCS);
    assert.match(message, /CR-only line endings \(classic Mac OS\)/);
    const { values, report } = await convertText('q,a\rhi,ho\rx,y\r', CSV);
    assert.equal(values.length, 2);
    assert.match(report.warnings.join('\n'), /CR-only line endings/);
  });

  it('stops TWCS on a Latin-1 byte, and converts it through a UTF-8 copy when the encoding is named', async () => {
    assert.match(
      await encodingError(Buffer.from(TWEETS, 'latin1'), TWCS),
      /byte 0xF9 at offset 98 \(line 2, byte 14 of the line\)/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'ft-encoding-'));
    try {
      const input = join(dir, 'twcs.csv');
      writeFileSync(input, Buffer.from(TWEETS.replace(' – 5 €', ''), 'latin1'));
      const output = join(dir, 'out.jsonl');
      await assert.rejects(convertFile(input, output, TWCS), (error: unknown) => {
        assert.ok(error instanceof InputEncodingError);
        assert.match(error.message, new RegExp(`^${input.replaceAll('/', '\\/')} is not UTF-8: byte 0xF9`));
        return true;
      });
      const result = await convertFile(input, output, TWCS, { encoding: 'latin1' });
      assert.equal(result.written, 1);
      assert.deepEqual(readdirSync(dir).sort(), ['out.jsonl', 'twcs.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names UTF-16 JSON Lines instead of failing every line, and reads them when the encoding is named', async () => {
    const text = `${JSON.stringify({
      conversations: [
        { from: 'human', value: 'Grüß' },
        { from: 'gpt', value: 'Hallo' },
      ],
    })}\n`;
    const spec: ConvertSpec = { from: 'sharegpt', to: 'chat' };
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.match(await encodingError(bytes, spec), /^The input is UTF-16 LE, not UTF-8/);
    const { values } = await convertText(bytes, spec, 5, { encoding: 'utf-16le' });
    assert.deepEqual(values, [chat(['user', 'Grüß'], ['assistant', 'Hallo'])]);
    // A stray Latin-1 byte in UTF-8 JSON Lines still skips only its line.
    const mixed = Buffer.concat([Buffer.from(text), Buffer.from('{"x":"caf\xe9"}\n', 'latin1')]);
    const { report } = await convertText(mixed, spec);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'line is not valid UTF-8' }]);
  });
});
