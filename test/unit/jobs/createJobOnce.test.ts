import * as assert from 'node:assert/strict';
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { classifyCreateFailure, createJobOnce } from '../../../src/core/jobs/createJobOnce';
import type { CreateJobRequest } from '../../../src/core/jobs/provider';
import { FakeProvider } from './fakeProvider';

const httpError = (status: number, message = `status ${status}`) =>
  APIError.generate(status, { error: { message } }, message, new Headers());

const request: CreateJobRequest = {
  model: 'gpt-4o-mini-2024-07-18',
  trainingFile: 'file-1',
  method: 'supervised',
  hyperparameters: {},
  metadata: { fts_sha256: 'a'.repeat(64), fts_file: 'data/train.jsonl', fts_request: 'req_mine' },
};

function options(extra: { retries?: number } = {}) {
  const sleeps: number[] = [];
  const log: string[] = [];
  return {
    sleeps,
    log,
    value: {
      signal: new AbortController().signal,
      baseDelayMs: 100,
      sleep: (ms: number) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      log: (message: string) => log.push(message),
      ...extra,
    },
  };
}

describe('createJobOnce', () => {
  it('returns the job of a create that succeeds, sent once and not listed', async () => {
    const provider = new FakeProvider([{}]);
    const job = await createJobOnce(provider, request, options().value);
    assert.equal(job.id, 'ftjob-1');
    assert.equal(provider.createRequests.length, 1);
    assert.equal(provider.listCalls, 0);
    assert.equal(provider.createRequests[0]!.metadata.fts_request, 'req_mine');
  });

  it('finds the job after a 500 that came when the job was already created, and does not create it twice', async () => {
    const provider = new FakeProvider([{ error: httpError(500), createsJob: true }]);
    const { value, log } = options();
    const job = await createJobOnce(provider, request, value);
    assert.equal(job.id, 'ftjob-1');
    assert.equal(job.metadata.fts_request, 'req_mine');
    assert.equal(provider.createRequests.length, 1);
    assert.equal(provider.created.length, 1);
    assert.equal(provider.listCalls, 1);
    assert.match(log.join('\n'), /had been created: ftjob-1/);
  });

  it('after a timeout and no job with the tag, sends the create again with the same tag and backoff', async () => {
    const provider = new FakeProvider([{ error: new APIConnectionTimeoutError() }, {}]);
    const { value, sleeps } = options();
    const job = await createJobOnce(provider, request, value);
    assert.equal(job.id, 'ftjob-1');
    assert.equal(provider.createRequests.length, 2);
    assert.equal(provider.created.length, 1);
    assert.equal(provider.listCalls, 1);
    assert.deepEqual(
      provider.createRequests.map((sent) => sent.metadata.fts_request),
      ['req_mine', 'req_mine'],
    );
    assert.deepEqual(sleeps, [100]);
  });

  it('throws a 400 refusal at once: no list, no retry', async () => {
    const provider = new FakeProvider([{ error: httpError(400, 'invalid training file') }]);
    await assert.rejects(createJobOnce(provider, request, options().value), /invalid training file/);
    assert.equal(provider.createRequests.length, 1);
    assert.equal(provider.listCalls, 0);
  });

  it('a wrapped error is classified by its cause (providers put readable messages on top of the SDK error)', async () => {
    const wrapped = new Error('The server failed (503) at http://x/v1/fine_tuning/jobs.', { cause: httpError(503) });
    const provider = new FakeProvider([{ error: wrapped, createsJob: true }]);
    const job = await createJobOnce(provider, request, options().value);
    assert.equal(job.id, 'ftjob-1');
    assert.equal(provider.createRequests.length, 1);
  });

  it('stops after the retries, with the last failure, never creating more than the attempts', async () => {
    const provider = new FakeProvider([
      { error: httpError(502) },
      { error: httpError(502) },
      { error: httpError(502, 'still failing') },
    ]);
    const { value, sleeps } = options({ retries: 2 });
    await assert.rejects(createJobOnce(provider, request, value), /still failing/);
    assert.equal(provider.createRequests.length, 3);
    assert.equal(provider.listCalls, 3);
    assert.deepEqual(sleeps, [100, 200, 400]);
  });

  it('gives up without a second create when the list cannot be read, naming the tag to look for', async () => {
    const provider = new FakeProvider([{ error: httpError(500) }, {}]);
    provider.listFailure = new APIConnectionTimeoutError();
    await assert.rejects(createJobOnce(provider, request, options().value), /fts_request = req_mine/);
    assert.equal(provider.createRequests.length, 1);
  });

  it('adds a request tag when the request has none', async () => {
    const provider = new FakeProvider([{ error: httpError(500), createsJob: true }]);
    const untagged = { ...request.metadata };
    delete untagged.fts_request;
    const job = await createJobOnce(provider, { ...request, metadata: untagged }, options().value);
    assert.match(job.metadata.fts_request ?? '', /^req_[0-9a-f]{24}$/);
    assert.equal(provider.createRequests.length, 1);
  });

  it('an abort is thrown as it is, without listing', async () => {
    const provider = new FakeProvider([{ error: new APIUserAbortError() }]);
    await assert.rejects(createJobOnce(provider, request, options().value), APIUserAbortError);
    assert.equal(provider.listCalls, 0);
  });

  it('classifies failures', () => {
    assert.equal(classifyCreateFailure(httpError(500)), 'uncertain');
    assert.equal(classifyCreateFailure(httpError(408)), 'uncertain');
    assert.equal(classifyCreateFailure(httpError(429)), 'refused');
    assert.equal(classifyCreateFailure(httpError(403)), 'refused');
    assert.equal(classifyCreateFailure(new APIConnectionTimeoutError()), 'uncertain');
    assert.equal(classifyCreateFailure(Object.assign(new Error('socket'), { code: 'ECONNRESET' })), 'uncertain');
    assert.equal(classifyCreateFailure(new DOMException('stopped', 'AbortError')), 'aborted');
    assert.equal(classifyCreateFailure(new TypeError('bug')), 'refused');
    assert.equal(classifyCreateFailure('text'), 'refused');
    // The shape of the providers' ProviderError: a readable message, its kind and status, the SDK error as cause.
    const wrap = (kind: string, status?: number) => Object.assign(new Error('readable'), { kind, status });
    assert.equal(classifyCreateFailure(wrap('timeout')), 'uncertain');
    assert.equal(classifyCreateFailure(wrap('connection')), 'uncertain');
    assert.equal(classifyCreateFailure(wrap('aborted')), 'aborted');
    assert.equal(classifyCreateFailure(wrap('http', 503)), 'uncertain');
    assert.equal(classifyCreateFailure(wrap('http', 400)), 'refused');
  });
});
