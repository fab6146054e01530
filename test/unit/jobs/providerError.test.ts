import * as assert from 'node:assert/strict';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  InternalServerError,
} from 'openai';
import { ProviderError, toProviderError } from '../../../src/core/jobs/providerError';

const URL = 'https://api.example.test/v1/fine_tuning/jobs';
const KEY = 'sk-provider-error-secret-123456';
const headers = new Headers();

const apiError = (status: number, error: Record<string, unknown>) =>
  APIError.generate(status, { error }, undefined, headers);

describe('jobs: provider errors', () => {
  it('classifies what the SDK throws, for retrying and for looking for a job that was made after all', () => {
    const cases: [unknown, ProviderError['kind'], boolean, boolean][] = [
      [new APIConnectionTimeoutError(), 'timeout', true, true],
      [new APIConnectionError({ message: 'fetch failed' }), 'connection', true, true],
      [new APIUserAbortError(), 'aborted', false, false],
      [new InternalServerError(500, { message: 'boom' }, undefined, headers), 'http', true, true],
      [apiError(429, { message: 'slow down', code: 'rate_limit_exceeded' }), 'http', true, false],
      [
        apiError(429, { message: 'no money', code: 'insufficient_quota', type: 'insufficient_quota' }),
        'http',
        false,
        false,
      ],
      [apiError(400, { message: 'bad', code: 'invalid_value', param: 'model' }), 'http', false, false],
      [new Error('something else'), 'other', false, false],
    ];
    for (const [error, kind, retryable, outcomeUnknown] of cases) {
      const wrapped = toProviderError(error, URL, [KEY]);
      assert.equal(wrapped.kind, kind, String(error));
      assert.equal(wrapped.retryable, retryable, `${String(error)} retryable`);
      assert.equal(wrapped.outcomeUnknown, outcomeUnknown, `${String(error)} outcome unknown`);
      assert.equal(wrapped.cause, error);
      assert.ok(wrapped.message.includes(URL) || kind === 'aborted', wrapped.message);
    }
  });

  it('keeps the API’s status, code, param and message; a ProviderError passes through', () => {
    const wrapped = toProviderError(
      apiError(400, {
        message: 'Fine-tuning is not available to your organization.',
        code: 'model_not_available',
        param: 'model',
      }),
      URL,
      [KEY],
    );
    assert.equal(wrapped.status, 400);
    assert.equal(wrapped.code, 'model_not_available');
    assert.equal(wrapped.param, 'model');
    assert.equal(wrapped.serverMessage, 'Fine-tuning is not available to your organization.');
    assert.match(wrapped.message, /not available to your organization/);
    assert.equal(toProviderError(wrapped, 'other', []), wrapped);
  });

  it('never repeats the key, even when the server echoes it', () => {
    const wrapped = toProviderError(apiError(401, { message: `Incorrect API key provided: ${KEY}` }), URL, [KEY]);
    assert.ok(!wrapped.message.includes(KEY), wrapped.message);
    assert.match(wrapped.serverMessage ?? '', /^Incorrect API key provided: /);
    assert.ok(!wrapped.serverMessage!.includes(KEY), wrapped.serverMessage);
  });
});
