/**
 * Servers differ in which optional parameters they accept. When one rejects a parameter, the request is retried
 * once without it, and the parameter is remembered per connection in a `ServerQuirks` object — plain JSON, so the
 * VS Code side can keep it in globalState.
 */

import { APIError } from 'openai';

/** Parameters a request still makes sense without. Anything else a server rejects is the user's to fix. */
export const OPTIONAL_PARAMETERS = [
  'stream_options',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'top_p',
  'stop',
] as const;
export type OptionalParameter = (typeof OPTIONAL_PARAMETERS)[number];

export interface ServerQuirks {
  /** Parameters this server rejected: left out of every request to it. */
  omittedParameters: OptionalParameter[];
  /** The per-model switch for models that cannot stream: their replies are fetched whole. */
  nonStreamingModels: string[];
}

export function emptyQuirks(): ServerQuirks {
  return { omittedParameters: [], nonStreamingModels: [] };
}

/** Reads quirks back from storage, keeping only what is well formed (storage may hold an older shape). */
export function parseQuirks(value: unknown): ServerQuirks {
  const quirks = emptyQuirks();
  if (typeof value !== 'object' || value === null) return quirks;
  const { omittedParameters, nonStreamingModels } = value as Record<string, unknown>;
  if (Array.isArray(omittedParameters))
    for (const parameter of omittedParameters)
      if (isOptionalParameter(parameter) && !quirks.omittedParameters.includes(parameter))
        quirks.omittedParameters.push(parameter);
  if (Array.isArray(nonStreamingModels))
    for (const model of nonStreamingModels)
      if (typeof model === 'string' && model !== '' && !quirks.nonStreamingModels.includes(model))
        quirks.nonStreamingModels.push(model);
  return quirks;
}

function isOptionalParameter(value: unknown): value is OptionalParameter {
  return (OPTIONAL_PARAMETERS as readonly unknown[]).includes(value);
}

/**
 * The optional parameter a 400 (or 422) rejects, if the request has it: named in the error's `param` field, or
 * else in its message (`Unrecognized request argument supplied: seed`, `stream_options is not supported`).
 */
export function findRejectedParameter(error: unknown, request: object): OptionalParameter | undefined {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return undefined;
  const present = OPTIONAL_PARAMETERS.filter((parameter) => parameter in request);
  const param = typeof error.param === 'string' ? error.param : undefined;
  if (param !== undefined) {
    const named = present.find((parameter) => param === parameter || param.startsWith(`${parameter}.`));
    if (named !== undefined) return named;
  }
  const body: unknown = error.error;
  const message =
    typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : error.message;
  // Whole names only: `top_p` inside `max_top_p` is not a mention of `top_p`.
  return present.find((parameter) => new RegExp(`(^|[^A-Za-z_])${parameter}([^A-Za-z_]|$)`).test(message));
}

/** A copy of `request` without the given parameters. */
export function omitParameters<T extends object>(request: T, omitted: Iterable<string>): T {
  const copy = { ...request } as Record<string, unknown>;
  for (const parameter of omitted) delete copy[parameter];
  return copy as unknown as T;
}
