import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertFile, utf8Copy } from '../../../src/core/convert/convertFile';
import { ConvertSetupError, type ConvertSpec } from '../../../src/core/convert/model';

const CSV: ConvertSpec = { from: 'csv', to: 'chat', csv: { mapping: { userColumn: 'q', assistantColumn: 'a' } } };
const TWCS: ConvertSpec = { from: 'twcs', to: 'chat' };

async function failure(run: Promise<unknown>): Promise<string> {
  let message = '';
  await assert.rejects(run, (error: unknown) => {
    message = (error as Error).message;
    return true;
  });
  return message;
}

describe('conversion file errors', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ft-convert-errors-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('name the paths the user gave, never a temporary file', async () => {
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'q,a\nhi,ho\n');
    const missingInput = await failure(convertFile(join(dir, 'nope.csv'), join(dir, 'out.jsonl'), CSV));
    assert.match(
      missingInput,
      new RegExp(`^Cannot read ${join(dir, 'nope.csv')}: no such file or folder \\(ENOENT\\)$`),
    );

    const output = join(dir, 'missing-folder', 'out.jsonl');
    const write = await failure(convertFile(input, output, CSV));
    assert.ok(write.includes(output), write);
    assert.doesNotMatch(write, /\.tmp/);

    // TWCS in another encoding goes through a UTF-8 copy beside the output: its failure names input and folder.
    const tweets = join(dir, 'twcs.csv');
    writeFileSync(
      tweets,
      Buffer.from('tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n', 'latin1'),
    );
    const copy = await failure(convertFile(tweets, output, TWCS, { encoding: 'latin1' }));
    assert.match(copy, new RegExp(`^Cannot write a UTF-8 copy of ${tweets}: .*${join(dir, 'missing-folder')}`));
    assert.doesNotMatch(copy, /\.tmp/);
  });

  it('reads a folder as input with a message naming it', async () => {
    mkdirSync(join(dir, 'folder.csv'));
    assert.match(await failure(convertFile(join(dir, 'folder.csv'), join(dir, 'out.jsonl'), CSV)), /folder\.csv/);
  });

  it('escape control characters of column titles in setup errors', () => {
    assert.equal(new ConvertSetupError('No user column "a\u001b[2J"').message, 'No user column "a\\u001b[2J"');
  });
});

describe('the UTF-8 copy of an input in another encoding', () => {
  it('gets no permission bit its input lacks (a 0600 input never has a world-readable copy)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ft-convert-copy-'));
    try {
      const input = join(dir, 'private.csv');
      writeFileSync(input, Buffer.from('text\ncaf\xe9\n', 'latin1'));
      chmodSync(input, 0o600);
      const copy = await utf8Copy(input, join(dir, 'out.jsonl'), 'latin1');
      assert.equal(statSync(copy).mode & 0o777, 0o600);
      assert.equal(readFileSync(copy, 'utf8'), 'text\ncafé\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
