import * as assert from 'node:assert/strict';
import { parseSampleRecords, sniffCsv } from '../../../src/core/convert/csv/sniff';

describe('sniffCsv', () => {
  it('finds the delimiter and a header, ignoring delimiters inside quotes', () => {
    const sniff = sniffCsv(
      'conversation_id,turn,customer,agent\n1001,1,"Hi; my parcel, where is it?",Sorry\n1001,2,ORD-1,Thanks\n',
    );
    assert.equal(sniff.delimiter, ',');
    assert.equal(sniff.hasHeader, true);
    assert.deepEqual(sniff.columns, ['conversation_id', 'turn', 'customer', 'agent']);
    assert.deepEqual(sniff.preview, [
      ['1001', '1', 'Hi; my parcel, where is it?', 'Sorry'],
      ['1001', '2', 'ORD-1', 'Thanks'],
    ]);
  });

  it('prefers the delimiter that splits every line the same way', () => {
    const sniff = sniffCsv(
      '\uFEFFquestion;answer\r\nHi, how are you?;Fine, thanks, and you?\r\nWhat time is it?;Noon\r\n',
    );
    assert.equal(sniff.delimiter, ';');
    assert.equal(sniff.hasHeader, true);
    assert.deepEqual(sniff.columns, ['question', 'answer']);
    assert.equal(sniffCsv('prompt|response\nWhat is 2+2?|Four, of course.\n').delimiter, '|');
  });

  it('sees no header when the first row is data, and names columns by index', () => {
    const tsv = sniffCsv('Hello there, friend.\tGeneral Kenobi!\nYou are a bold one.\tKill him.\n');
    assert.equal(tsv.delimiter, '\t');
    assert.equal(tsv.hasHeader, false);
    assert.deepEqual(tsv.columns, ['0', '1']);
    assert.equal(sniffCsv('What is 2+2?,4\nWhat is 3+3?,6\n').hasHeader, false);
  });

  it('drops a last line that may be cut off, unless the sample is the whole file', () => {
    assert.deepEqual(parseSampleRecords('a,b\nc,"d\ne', ','), [['a', 'b']]);
    assert.deepEqual(parseSampleRecords('a,b\nc,d', ',', true), [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    assert.deepEqual(sniffCsv('q,a\nhello there,"general, kenobi"', true).preview, [
      ['hello there', 'general, kenobi'],
    ]);
  });
});
