import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SamplingParameters } from '../../../src/core/connections/buildRequest';
import {
  MAX_STOP_SEQUENCES,
  PARAMETER_NAMES,
  SAMPLING_RANGES,
  formatParameterText,
  parameterTextProblem,
  parseParameterText,
} from '../../../src/core/batch/parameterText';

function parsed(text: string): SamplingParameters {
  const result = parseParameterText(text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.parameters;
}

function problem(text: string): string {
  const result = parseParameterText(text);
  assert.ok(!result.ok, `${text} was read`);
  return result.message;
}

describe('batch parameter text', () => {
  it('reads every playground parameter by its API name', () => {
    assert.deepEqual(
      parsed(
        'temperature=0.7 top_p=0.9 max_tokens=300 seed=7 presence_penalty=0.5 frequency_penalty=-1.25 ' +
          'stop="\\n\\n" stop=END',
      ),
      {
        temperature: 0.7,
        topP: 0.9,
        maxTokens: 300,
        seed: 7,
        presencePenalty: 0.5,
        frequencyPenalty: -1.25,
        stop: ['\n\n', 'END'],
      },
    );
  });

  it('reads an empty or blank text as no parameters (the server defaults)', () => {
    assert.deepEqual(parsed(''), {});
    assert.deepEqual(parsed('  \t '), {});
    assert.equal(parameterTextProblem(''), undefined);
  });

  it('takes any white space between words, hyphens for underscores, and range ends', () => {
    assert.deepEqual(parsed('  temperature=2\ttop-p=0   max_tokens=1 seed=-3 presence_penalty=-2 '), {
      temperature: 2,
      topP: 0,
      maxTokens: 1,
      seed: -3,
      presencePenalty: -2,
    });
    assert.deepEqual(parsed('temperature=.5 frequency_penalty=+2 seed=0'), {
      temperature: 0.5,
      frequencyPenalty: 2,
      seed: 0,
    });
  });

  it('names the word out of range and the range', () => {
    assert.equal(problem('top_p=1.5'), 'top_p must be a number from 0 to 1, not 1.5.');
    assert.equal(problem('temperature=2.1'), 'temperature must be a number from 0 to 2, not 2.1.');
    assert.equal(problem('temperature=warm'), 'temperature must be a number from 0 to 2, not warm.');
    assert.equal(problem('temperature=0x1'), 'temperature must be a number from 0 to 2, not 0x1.');
    assert.equal(problem('max_tokens=0'), 'max_tokens must be a whole number of at least 1, not 0.');
    assert.equal(problem('max_tokens=2.5'), 'max_tokens must be a whole number of at least 1, not 2.5.');
    assert.equal(problem('seed=1.5'), 'seed must be a whole number, not 1.5.');
    assert.equal(problem('presence_penalty=-3'), 'presence_penalty must be a number from -2 to 2, not -3.');
    assert.equal(problem('frequency_penalty=" 1"'), 'frequency_penalty must be a number from -2 to 2, not " 1".');
    assert.equal(parameterTextProblem('top_p=2'), 'top_p must be a number from 0 to 1, not 2.');
  });

  it('lists the known names for an unknown one', () => {
    assert.equal(
      problem('temperature=1 temp=1'),
      'Unknown parameter “temp”; the known ones are temperature, top_p, max_tokens, seed, presence_penalty, ' +
        'frequency_penalty, stop.',
    );
    assert.deepEqual(PARAMETER_NAMES, [
      'temperature',
      'top_p',
      'max_tokens',
      'seed',
      'presence_penalty',
      'frequency_penalty',
      'stop',
    ]);
  });

  it('refuses a parameter given twice, except stop up to four times', () => {
    assert.equal(problem('temperature=1 temperature=0'), 'temperature is given twice.');
    assert.equal(problem('top_p=1 top-p=1'), 'top_p is given twice.');
    assert.deepEqual(parsed('stop=a stop=b stop=c stop=d').stop, ['a', 'b', 'c', 'd']);
    assert.equal(MAX_STOP_SEQUENCES, 4);
    assert.equal(problem('stop=a stop=b stop=c stop=d stop=e'), 'stop can be given at most 4 times.');
  });

  it('reads quoted values with JSON escapes, spaces included', () => {
    assert.deepEqual(parsed('stop="a b" stop="say \\"hi\\"" stop="back\\\\slash" stop="\\u00e9\\t"').stop, [
      'a b',
      'say "hi"',
      'back\\slash',
      'é\t',
    ]);
    assert.deepEqual(parsed('temperature="0.5"'), { temperature: 0.5 });
    // Unquoted, a value is everything up to the next white space.
    assert.deepEqual(parsed('stop=a"b=c').stop, ['a"b=c']);
  });

  it('says what is wrong with the shape of a word', () => {
    assert.equal(problem('temperature'), '“temperature” needs a value, as in temperature=…');
    assert.equal(problem('temperature= top_p=1'), 'temperature needs a value after its “=”.');
    assert.equal(problem('=0.5'), 'A value needs a name before its “=”, as in temperature=0.7.');
    assert.equal(
      problem('stop="open'),
      'The quoted value of stop is not a closed JSON string (escapes: \\n, \\t, \\", \\\\).',
    );
    assert.equal(
      problem('stop="\\q"'),
      'The quoted value of stop is not a closed JSON string (escapes: \\n, \\t, \\", \\\\).',
    );
    assert.equal(problem('stop="a"b'), 'Put a space after the quoted value of stop.');
    assert.equal(problem('stop=""'), 'stop must not be empty.');
  });

  it('formats parameters in a fixed order, quoting only the stop sequences that need it', () => {
    assert.equal(formatParameterText({}), '');
    assert.equal(
      formatParameterText({ stop: ['\n\n', 'END'], seed: 7, temperature: 0.7, maxTokens: 300, topP: 0.9 }),
      'temperature=0.7 top_p=0.9 max_tokens=300 seed=7 stop="\\n\\n" stop=END',
    );
    assert.equal(formatParameterText({ stop: ['a b', 'x"y', 'p\\q'] }), 'stop="a b" stop="x\\"y" stop="p\\\\q"');
  });

  it('reads back whatever it formats (round trip)', () => {
    const inRange = (key: keyof typeof SAMPLING_RANGES) => {
      const range = SAMPLING_RANGES[key];
      const bounds = { min: range.min ?? -1e12, max: range.max ?? 1e12 };
      return range.integer === true
        ? fc.integer({ min: Math.max(bounds.min, -(2 ** 31)), max: Math.min(bounds.max, 2 ** 31) })
        : fc.double({ ...bounds, noNaN: true }).map((n) => (n === 0 ? 0 : n)); // -0 reads as 0
    };
    const parameters: fc.Arbitrary<SamplingParameters> = fc
      .record(
        {
          temperature: inRange('temperature'),
          topP: inRange('topP'),
          maxTokens: inRange('maxTokens'),
          seed: inRange('seed'),
          presencePenalty: inRange('presencePenalty'),
          frequencyPenalty: inRange('frequencyPenalty'),
          stop: fc.array(fc.string({ minLength: 1, unit: 'binary' }), { minLength: 1, maxLength: MAX_STOP_SEQUENCES }),
        },
        { requiredKeys: [] },
      )
      .map((p) => ({ ...p })); // fast-check may give a null-prototype object

    fc.assert(
      fc.property(parameters, (p) => {
        const text = formatParameterText(p);
        assert.deepEqual(parsed(text), p, text);
        assert.equal(formatParameterText(parsed(text)), text);
      }),
      { numRuns: 300 },
    );
  });
});
