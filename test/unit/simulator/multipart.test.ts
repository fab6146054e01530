import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { boundaryOf, MultipartError, readMultipart, type PartHeaders } from '../../../simulator/multipart';

/** Reads a body given as chunks; returns each part's headers and text. */
async function parts(chunks: string[], boundary = 'b0undary'): Promise<Array<PartHeaders & { text: string }>> {
  const found: Array<PartHeaders & { text: string }> = [];
  await readMultipart(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), boundary, (headers) => {
    const entry = { ...headers, text: '' };
    found.push(entry);
    return {
      write: (chunk) => {
        entry.text += chunk.toString();
      },
      end: () => undefined,
    };
  });
  return found;
}

const body =
  'preamble\r\n--b0undary\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nfine-tune\r\n' +
  '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a \\"q\\".jsonl"\r\n' +
  'Content-Type: application/jsonl\r\n\r\nline one\r\n--b0undar not yet\r\n\r\n--b0undary--\r\n';

describe('simulator: multipart reader', () => {
  it('reads fields and files, with the file name, type and every byte up to the boundary', async () => {
    assert.deepEqual(await parts([body]), [
      { name: 'purpose', text: 'fine-tune' },
      {
        name: 'file',
        filename: 'a "q".jsonl',
        contentType: 'application/jsonl',
        text: 'line one\r\n--b0undar not yet\r\n',
      },
    ]);
  });

  it('gives the same result however the body is split into chunks (a boundary across two chunks)', async () => {
    const whole = await parts([body]);
    for (let size = 1; size <= 17; size++) {
      const chunks: string[] = [];
      for (let at = 0; at < body.length; at += size) chunks.push(body.slice(at, at + size));
      assert.deepEqual(await parts(chunks), whole, `chunks of ${size}`);
    }
  });

  it('rejects a body without its closing boundary, and a part without a name', async () => {
    await assert.rejects(parts([body.slice(0, body.indexOf('--b0undary--'))]), MultipartError);
    await assert.rejects(parts(['--b0undary\r\nContent-Type: text/plain\r\n\r\nx\r\n--b0undary--']), MultipartError);
  });

  it('finds the boundary in a content type, quoted or not; undefined for other types', () => {
    assert.equal(boundaryOf('multipart/form-data; boundary=----formdata-undici-0123'), '----formdata-undici-0123');
    assert.equal(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"'), 'a b');
    assert.equal(boundaryOf('application/json'), undefined);
    assert.equal(boundaryOf(undefined), undefined);
  });
});
