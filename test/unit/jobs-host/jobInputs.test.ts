import * as assert from 'node:assert/strict';
import {
  BATCH_SIZE,
  BETA,
  EPOCHS,
  LEARNING_RATE_MULTIPLIER,
  metadataText,
  readHyperparameter,
  readMetadataText,
  readSeed,
  readSuffix,
} from '../../../src/jobs/create/jobInputs';

const value = <T>(read: { ok: true; value: T } | { ok: false; problem: string }): T => {
  assert.ok(read.ok, read.ok ? '' : read.problem);
  return read.value;
};
const problem = (read: { ok: boolean; problem?: string }): string => {
  assert.equal(read.ok, false);
  return read.problem ?? '';
};

describe('jobs (VS Code side): the create flow’s typed answers', () => {
  it('reads auto, empty and numbers within each hyperparameter’s range', () => {
    assert.equal(value(readHyperparameter('', EPOCHS)), 'auto');
    assert.equal(value(readHyperparameter(' AUTO ', EPOCHS)), 'auto');
    assert.equal(value(readHyperparameter(undefined, EPOCHS)), 'auto');
    assert.equal(value(readHyperparameter('1', EPOCHS)), 1);
    assert.equal(value(readHyperparameter('50', EPOCHS)), 50);
    assert.equal(value(readHyperparameter(256, BATCH_SIZE)), 256);
    assert.equal(value(readHyperparameter('0.05', LEARNING_RATE_MULTIPLIER)), 0.05);
    assert.equal(value(readHyperparameter('.5', BETA)), 0.5);
    assert.equal(value(readHyperparameter('2e-1', LEARNING_RATE_MULTIPLIER)), 0.2);
  });

  it('refuses numbers outside the ranges, fractions where whole numbers go, and text', () => {
    assert.equal(problem(readHyperparameter('0', EPOCHS)), 'Epochs must be from 1 to 50.');
    assert.equal(problem(readHyperparameter('51', EPOCHS)), 'Epochs must be from 1 to 50.');
    assert.equal(problem(readHyperparameter('2.5', EPOCHS)), 'Epochs must be a whole number.');
    assert.equal(problem(readHyperparameter('257', BATCH_SIZE)), 'Batch size must be from 1 to 256.');
    assert.equal(
      problem(readHyperparameter('0', LEARNING_RATE_MULTIPLIER)),
      'Learning-rate multiplier must be more than 0.',
    );
    assert.equal(problem(readHyperparameter('-1', BETA)), 'Beta must be “auto” or a number.');
    assert.equal(problem(readHyperparameter('three', EPOCHS)), 'Epochs must be “auto” or a number.');
    assert.equal(problem(readHyperparameter('0x10', EPOCHS)), 'Epochs must be “auto” or a number.');
    assert.equal(
      problem(readHyperparameter('Infinity', LEARNING_RATE_MULTIPLIER)),
      'Learning-rate multiplier must be “auto” or a number.',
    );
    assert.equal(problem(readHyperparameter(Number.NaN, BETA)), 'Beta must be “auto” or a number.');
  });

  it('takes a suffix of up to 64 characters, counted as characters, not UTF-16 units', () => {
    assert.equal(value(readSuffix('')), undefined);
    assert.equal(value(readSuffix('  support-bot ')), 'support-bot');
    assert.equal(value(readSuffix('😀'.repeat(64))), '😀'.repeat(64));
    assert.match(problem(readSuffix('x'.repeat(65))), /65 characters long; at most 64/);
    assert.match(problem(readSuffix('a\u0007b')), /control characters/);
  });

  it('takes an optional whole seed up to 2147483647', () => {
    assert.equal(value(readSeed('')), undefined);
    assert.equal(value(readSeed(undefined)), undefined);
    assert.equal(value(readSeed('42')), 42);
    assert.equal(value(readSeed(0)), 0);
    assert.equal(value(readSeed('2147483647')), 2_147_483_647);
    assert.match(problem(readSeed('2147483648')), /at most 2147483647/);
    assert.match(problem(readSeed('-1')), /whole number/);
    assert.match(problem(readSeed('1.5')), /whole number/);
  });

  it('reads metadata as key=value pairs and shows them back the same way', () => {
    assert.deepEqual(value(readMetadataText('')), {});
    const pairs = value(readMetadataText(' team = support , run=3, note=a=b ,'));
    assert.deepEqual(pairs, { team: 'support', run: '3', note: 'a=b' });
    assert.deepEqual(value(readMetadataText(metadataText(pairs))), pairs);
    assert.match(problem(readMetadataText('team')), /not a key=value pair/);
    assert.match(problem(readMetadataText('=x')), /has no key/);
    assert.match(problem(readMetadataText('a=1, a=2')), /given twice/);
  });
});
