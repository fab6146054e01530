import * as assert from 'node:assert/strict';
import { MAX_WATCHED_JOBS, WatchedJobs } from '../../../src/jobs/watch/watchedJobs';
import { memento } from './fakes';

describe('jobs view: watched jobs kept in workspace state', () => {
  it('survives a new session, newest first, with what was announced', async () => {
    const storage = memento();
    const first = new WatchedJobs(storage);
    await first.add('c1', 'a');
    await first.add('c2', 'b');
    await first.markDone('c1', 'a');
    const second = new WatchedJobs(storage);
    assert.deepEqual(second.all(), [
      { connectionId: 'c2', jobId: 'b', done: false },
      { connectionId: 'c1', jobId: 'a', done: true },
    ]);
    assert.deepEqual(
      second.of('c1').map((w) => w.jobId),
      ['a'],
    );
  });

  it('watching a job again (resume, rerun) announces its end again', async () => {
    const watched = new WatchedJobs(memento());
    await watched.add('c1', 'a');
    await watched.markDone('c1', 'a');
    await watched.add('c1', 'a');
    assert.deepEqual(watched.all(), [{ connectionId: 'c1', jobId: 'a', done: false }]);
  });

  it('keeps a bounded list and drops malformed stored entries', async () => {
    const storage = memento();
    storage.values.set('fineTuneStudio.jobs.watched', [
      { connectionId: 'c', jobId: 'ok' },
      { jobId: 'x' },
      'junk',
      null,
      { connectionId: '', jobId: 'y' },
    ]);
    const watched = new WatchedJobs(storage);
    assert.deepEqual(watched.all(), [{ connectionId: 'c', jobId: 'ok', done: false }]);
    for (let i = 0; i < MAX_WATCHED_JOBS + 10; i++) await watched.add('c', `j${i}`);
    assert.equal(watched.all().length, MAX_WATCHED_JOBS);
    assert.equal(watched.all()[0]?.jobId, `j${MAX_WATCHED_JOBS + 9}`);
    assert.equal(new WatchedJobs(memento()).all().length, 0);
  });
});
