import * as assert from 'node:assert/strict';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { describeError, errorStatus } from '../../../src/core/connections/describeError';

const url = 'http://127.0.0.1:9/v1/chat/completions';
const KEY = 'local-secret-key-123';
const headers = () => new Headers();

describe('connections: describeError', () => {
  it('401: the key was rejected, set a new one; the server’s echo of the key is not quoted', () => {
    const error = new AuthenticationError(401, { message: `Incorrect API key provided: ${KEY}` }, undefined, headers());
    const message = describeError(error, { url, secrets: [KEY] });
    assert.equal(message, `The key was rejected by ${url} (401): set a new one with “Fine-Tune: Set API Key…”.`);
    assert.equal(errorStatus(error), 401);
  });

  it('429 insufficient_quota: quota exhausted, not retried', () => {
    const error = new RateLimitError(
      429,
      { message: 'You exceeded your current quota', code: 'insufficient_quota', type: 'insufficient_quota' },
      undefined,
      headers(),
    );
    const message = describeError(error, { url });
    assert.match(message, /quota is exhausted/);
    assert.match(message, /billing/);
    assert.match(message, /not retried/);
    assert.ok(message.includes(url));
  });

  it('429 otherwise: rate limited, with the server’s words', () => {
    const message = describeError(new RateLimitError(429, { message: 'slow down' }, undefined, headers()), { url });
    assert.equal(
      message,
      `Rate limited by ${url} (429): slow down. The request was retried and still refused: wait a moment and try again.`,
    );
  });

  it('404 names the exact URL and suggests the base URL and /v1', () => {
    const message = describeError(new NotFoundError(404, undefined, undefined, headers()), {
      url: 'http://localhost:11434/chat/completions',
    });
    assert.match(message, /^Not found \(404\): http:\/\/localhost:11434\/chat\/completions\./);
    assert.match(message, /\/v1/);
    assert.match(message, /base URL/);
  });

  it('connection errors name the URL, the system error code and VS Code’s http.proxy setting', () => {
    const cause = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const message = describeError(new APIConnectionError({ cause }), { url });
    assert.match(message, new RegExp(`^Could not connect to ${url.replace(/\./g, '\\.')} \\(ECONNREFUSED\\)`));
    assert.match(message, /http\.proxy/);
    assert.match(describeError(new APIConnectionTimeoutError(), { url }), /did not answer in time.*http\.proxy/);
  });

  it('other statuses name the status, the URL and the server’s message', () => {
    assert.equal(
      describeError(new InternalServerError(500, { message: 'boom' }, undefined, headers()), { url }),
      `The server failed (500) at ${url}: boom.`,
    );
    assert.equal(
      describeError(new InternalServerError(500, { message: 'The server broke...' }, undefined, headers()), { url }),
      `The server failed (500) at ${url}: The server broke.`,
      "the server's own final period is not doubled",
    );
    assert.equal(
      describeError(new BadRequestError(400, { message: 'bad model' }, undefined, headers()), { url }),
      `The server refused the request (400) at ${url}: bad model.`,
    );
    assert.match(
      describeError(new PermissionDeniedError(403, undefined, undefined, headers()), { url }),
      /refused access \(403\)/,
    );
    assert.equal(describeError(new APIUserAbortError(), { url }), `The request to ${url} was stopped.`);
  });

  it('never contains a key, wherever the key appears', () => {
    const errors: unknown[] = [
      new BadRequestError(400, { message: `bad key ${KEY} and sk-abcdefghijklmnop` }, undefined, headers()),
      new InternalServerError(500, { message: `Authorization: Bearer ${KEY}` }, undefined, headers()),
      new OpenAIError(`Failed to get token: ${KEY}`),
      new Error(`header api-key: ${KEY}`),
      `plain ${KEY}`,
    ];
    for (const error of errors) {
      const message = describeError(error, { url, secrets: [KEY] });
      assert.ok(!message.includes(KEY), message);
      assert.ok(!message.includes('sk-abcdefghijklmnop'), message);
      assert.ok(message.includes(url), message);
    }
  });

  it('clips long server text (an HTML error page)', () => {
    const page = `<html>${'x'.repeat(5000)}</html>`;
    const message = describeError(new InternalServerError(502, { message: page }, undefined, headers()), { url });
    assert.ok(message.length < 500, String(message.length));
  });
});
