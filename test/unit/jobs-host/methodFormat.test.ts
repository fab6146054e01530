import * as assert from 'node:assert/strict';
import { formatProblem } from '../../../src/jobs/create/methodFormat';

describe('jobs (VS Code side): the dataset format each training method reads', () => {
  it('lets chat and legacy completion files train supervised jobs, preference files DPO, RFT files reinforcement', () => {
    assert.equal(formatProblem('supervised', 'chat', 'a.jsonl'), undefined);
    assert.equal(formatProblem('supervised', 'completion', 'a.jsonl'), undefined);
    assert.equal(formatProblem('dpo', 'preference', 'a.jsonl'), undefined);
    assert.equal(formatProblem('reinforcement', 'rft', 'a.jsonl'), undefined);
  });

  it('says which format the method needs when the file holds another', () => {
    assert.equal(
      formatProblem('dpo', 'chat', 'train.jsonl'),
      'train.jsonl holds chat (supervised fine-tuning) examples, but a DPO job trains on preference (DPO) examples.',
    );
    assert.equal(
      formatProblem('supervised', 'preference', 'p.jsonl'),
      'p.jsonl holds preference (DPO) examples, but a supervised job trains on chat (supervised fine-tuning) or legacy prompt/completion examples.',
    );
  });

  it('leaves an unknown or undetected format to the server', () => {
    assert.equal(formatProblem('dpo', undefined, 'a.jsonl'), undefined);
    assert.equal(formatProblem('dpo', 'toString', 'a.jsonl'), undefined);
  });
});
