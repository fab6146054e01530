import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  latestPerPair,
  parseJudgement,
  parseVote,
  readSidecar,
  SidecarAppender,
  sidecarPath,
  type VoteRecord,
} from '../../../src/evaluation/sidecars';

const vote = (promptKey: string, outcome: VoteRecord['outcome'], a = 'm1', b = 'm2'): VoteRecord => ({
  v: 1,
  promptKey,
  a,
  b,
  outcome,
  shown: [b, a],
  at: '2026-12-06T10:00:00.000Z',
});

describe('evaluation sidecars', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'eval-sidecars-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('names the sidecars after the results file', () => {
    assert.equal(sidecarPath('/d/run.results.jsonl', 'votes'), '/d/run.results.votes.jsonl');
    assert.equal(sidecarPath('/d/run.results.jsonl', 'judgements'), '/d/run.results.judgements.jsonl');
    assert.equal(sidecarPath('/d/run', 'votes'), '/d/run.votes.jsonl');
  });

  it('reads a missing sidecar as empty', async () => {
    assert.deepEqual(await readSidecar(join(folder, 'none.jsonl'), parseVote), []);
  });

  it('appends in call order and reads back what it wrote', async () => {
    const path = join(folder, 'r.votes.jsonl');
    const appender = new SidecarAppender(path);
    const records = [vote('k1', 'a'), vote('k2', 'tie'), vote('k3', 'bothBad')];
    await Promise.all(records.map((record) => appender.append(record)));
    assert.deepEqual(await readSidecar(path, parseVote), records);
  });

  it('skips a cut-off last line and starts the next append on a line of its own', async () => {
    const path = join(folder, 'r.votes.jsonl');
    await writeFile(path, `${JSON.stringify(vote('k1', 'a'))}\nnot json\n{"v":1,"promptKey":"k2"`);
    assert.deepEqual(await readSidecar(path, parseVote), [vote('k1', 'a')]);
    await new SidecarAppender(path).append(vote('k3', 'b'));
    assert.deepEqual(await readSidecar(path, parseVote), [vote('k1', 'a'), vote('k3', 'b')]);
    const text = await readFile(path, 'utf8');
    assert.equal(text.endsWith(`\n${JSON.stringify(vote('k3', 'b'))}\n`), true);
  });

  it('refuses records of the wrong shape', () => {
    assert.equal(parseVote({ ...vote('k', 'a'), outcome: 'win' }), undefined);
    assert.equal(parseVote({ ...vote('k', 'a'), shown: ['x'] }), undefined);
    assert.equal(parseVote({ ...vote('k', 'a'), v: 2 }), undefined);
    const judgement = { v: 1, promptKey: 'k', a: 'x', b: 'y', outcome: 'a', reason: 'r', judge: 'j', at: 't' };
    assert.deepEqual(parseJudgement(judgement), judgement);
    assert.equal(parseJudgement({ ...judgement, invalid: 3 }), undefined);
  });

  it('keeps the latest record per prompt and pair, in either order', () => {
    const latest = latestPerPair([
      vote('k1', 'a'),
      vote('k2', 'b'),
      vote('k1', 'b', 'm2', 'm1'),
      vote('k1', 'a', 'm1', 'm3'),
    ]);
    assert.deepEqual(latest, [vote('k2', 'b'), vote('k1', 'b', 'm2', 'm1'), vote('k1', 'a', 'm1', 'm3')]);
  });

  it('round-trips any text through append and read', async () => {
    const path = join(folder, 'p.votes.jsonl');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), async (keys) => {
        await writeFile(path, '');
        const appender = new SidecarAppender(path);
        const records = keys.map((key) => vote(key, 'tie', `a${key}`, `b\u2028${key}`));
        for (const record of records) await appender.append(record);
        assert.deepEqual(await readSidecar(path, parseVote), records);
        const text = await readFile(path, 'utf8');
        assert.equal(text.split('\n').length, records.length + 1);
      }),
      { numRuns: 50 },
    );
  });
});
