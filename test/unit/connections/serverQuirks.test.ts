import * as assert from 'node:assert/strict';
import { BadRequestError, InternalServerError, UnprocessableEntityError } from 'openai';
import {
  emptyQuirks,
  findRejectedParameter,
  omitParameters,
  parseQuirks,
} from '../../../src/core/connections/serverQuirks';

const badRequest = (body: object) => new BadRequestError(400, body, undefined, new Headers());

describe('connections: server quirks', () => {
  const request = { model: 'm', messages: [], seed: 1, stream_options: { include_usage: true }, top_p: 1, stop: ['x'] };

  it('finds the rejected optional parameter from the error’s param field', () => {
    assert.equal(findRejectedParameter(badRequest({ message: 'bad', param: 'seed' }), request), 'seed');
    assert.equal(
      findRejectedParameter(badRequest({ message: 'bad', param: 'stream_options.include_usage' }), request),
      'stream_options',
    );
  });

  it('finds it from the message when there is no param field', () => {
    assert.equal(
      findRejectedParameter(badRequest({ message: 'Unrecognized request argument supplied: top_p' }), request),
      'top_p',
    );
    assert.equal(
      findRejectedParameter(badRequest({ message: "'stream_options' is not supported" }), request),
      'stream_options',
    );
    assert.equal(
      findRejectedParameter(
        new UnprocessableEntityError(422, { message: 'extra field: stop' }, undefined, new Headers()),
        request,
      ),
      'stop',
    );
  });

  it('finds nothing for parameters the request lacks, other params, other words and other statuses', () => {
    assert.equal(findRejectedParameter(badRequest({ message: 'presence_penalty unsupported' }), request), undefined);
    assert.equal(findRejectedParameter(badRequest({ message: 'bad', param: 'messages' }), request), undefined);
    assert.equal(findRejectedParameter(badRequest({ message: 'the model max_top_p_x is odd' }), request), undefined);
    assert.equal(
      findRejectedParameter(new InternalServerError(500, { message: 'seed' }, undefined, new Headers()), request),
      undefined,
    );
    assert.equal(findRejectedParameter(new Error('seed'), request), undefined);
  });

  it('omits parameters without touching the request', () => {
    const copy = omitParameters(request, ['seed', 'stream_options']);
    assert.deepEqual(Object.keys(copy), ['model', 'messages', 'top_p', 'stop']);
    assert.equal(request.seed, 1);
  });

  it('round-trips through JSON and drops what is not well formed', () => {
    const quirks = emptyQuirks();
    quirks.omittedParameters.push('seed');
    quirks.nonStreamingModels.push('m');
    assert.deepEqual(parseQuirks(JSON.parse(JSON.stringify(quirks))), quirks);
    assert.deepEqual(parseQuirks(undefined), emptyQuirks());
    assert.deepEqual(
      parseQuirks({ omittedParameters: ['seed', 'seed', 'model', 3], nonStreamingModels: ['', 'x', 'x', null] }),
      { omittedParameters: ['seed'], nonStreamingModels: ['x'] },
    );
  });
});
