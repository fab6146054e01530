// A local OpenAI-compatible server for development and tests (never shipped): Node's http module on 127.0.0.1,
// deterministic replies, faults chosen by model id, and a record of every request so tests can assert what was sent
// where (including the Authorization header).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { send, type Reply } from './delivery';
import { errorReply, invalidApiKey, modelNotFound, unknownUrl } from './errors';
import { FileStore } from './fileStore';
import { filesRouter } from './files';
import { fineTuning } from './fineTuningJobs';
import { generate, type GenerationState } from './generation';
import { ModelCatalog, modelObject } from './models';
import type { Handler, Router } from './routes';
import { uploadsRouter } from './uploads';

export interface RecordedRequest {
  method: string;
  /** The request target as sent: path and query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Header names in lower case; `authorization` is kept so tests can check which key went where. */
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
}

export interface SimulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** When set, every request needs `Authorization: Bearer <apiKey>` (401 otherwise); when absent any key or none. */
  apiKey?: string;
  /** Paces streams at this many chunks (about words) per second; absent, a stream is written all at once. */
  chunksPerSecond?: number;
  /**
   * `azure`: the same API also under `/openai/v1/...`, the `api-key` header accepted as well as Bearer, and jobs
   * echo `trainingType`. Default `openai`.
   */
  flavor?: 'openai' | 'azure';
  /** Milliseconds per step of a fine-tuning job (each status change, each training step). Default 200. */
  jobStepMs?: number;
  /** Caps the training steps per epoch (examples / batch size), so jobs end in seconds. Default 8. */
  maxStepsPerEpoch?: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT/v1`, the base URL for the openai SDK. */
  url: string;
  /** Every request received, in order of arrival (live: it grows as requests come in). */
  requests: RecordedRequest[];
  /** The SHA-256 (hex) of a stored file's bytes, so tests can check what arrived; undefined for an unknown id. */
  fileSha256(fileId: string): Promise<string | undefined>;
  /** Stops listening, ends every open connection (streams in progress or stalled) and removes the stored files. */
  close(): Promise<void>;
}

/** Sent on every response, so nobody mistakes the simulator for a real service. */
export const SIMULATOR_HEADER = 'x-simulator';
const SIMULATOR_HEADER_VALUE = 'Fine-Tune Studio OpenAI-compatible simulator (not a real service)';
/** Bodies larger than this are refused: the simulator is for tests, and a runaway client should not exhaust memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { chunksPerSecond } = options;
  if (chunksPerSecond !== undefined && !(chunksPerSecond > 0 && Number.isFinite(chunksPerSecond))) {
    throw new RangeError(`chunksPerSecond must be a positive number, not ${chunksPerSecond}`);
  }
  const { jobStepMs = 200, maxStepsPerEpoch = 8 } = options;
  if (!(jobStepMs >= 0 && Number.isFinite(jobStepMs))) throw new RangeError(`jobStepMs must be ≥ 0, not ${jobStepMs}`);
  if (!(Number.isInteger(maxStepsPerEpoch) && maxStepsPerEpoch >= 1)) {
    throw new RangeError(`maxStepsPerEpoch must be an integer ≥ 1, not ${maxStepsPerEpoch}`);
  }
  const requests: RecordedRequest[] = [];
  const models = new ModelCatalog();
  const state: GenerationState = { refusedOnce: new Set(), replies: 0, models };
  let requestCount = 0;

  const files = new FileStore();
  const jobs = fineTuning({ files, models, stepMs: jobStepMs, maxStepsPerEpoch, azure: options.flavor === 'azure' });
  const routers: Router[] = [filesRouter(files), uploadsRouter(files), jobs.router];

  const server = createServer((request, response) => {
    requestCount += 1;
    response.setHeader(SIMULATOR_HEADER, SIMULATOR_HEADER_VALUE);
    response.setHeader('x-request-id', `req_sim_${requestCount}`);
    const method = request.method ?? '';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = apiPath(url.pathname, options.flavor);
    const handler = routers.reduce<Handler | undefined>((found, router) => found ?? router(method, path), undefined);
    if (handler?.kind === 'stream') {
      // Streamed bodies (file uploads) are recorded at once and their summary filled in once read.
      const record: RecordedRequest = { method, path: request.url ?? '', headers: request.headers, body: undefined };
      requests.push(record);
      if (!authorized(request)) {
        request.resume();
        return send(response, invalidApiKey(), 'normal');
      }
      handler.handle(request).then(
        ({ reply, recorded }) => {
          record.body = recorded;
          send(response, reply, 'normal');
        },
        // The client went away mid-upload: nothing to answer.
        () => response.destroy(),
      );
      return;
    }
    readBody(request, (rawBody) => {
      if (rawBody === undefined) {
        send(
          response,
          errorReply(413, { message: 'Request body too large.', type: 'invalid_request_error' }),
          'normal',
        );
        return;
      }
      const body = parseBody(rawBody);
      requests.push({ method, path: request.url ?? '', headers: request.headers, body });
      if (handler) {
        if (!authorized(request)) return send(response, invalidApiKey(), 'normal');
        Promise.resolve(handler.handle(body, url.searchParams)).then(
          (reply) => send(response, reply, 'normal'),
          (error: unknown) =>
            send(
              response,
              errorReply(500, { message: `Simulator error: ${String(error)}`, type: 'server_error' }),
              'normal',
            ),
        );
        return;
      }
      respond(request, response, { path, sentPath: url.pathname }, body, rawBody);
    });
  });

  /** Bearer with the key; in the Azure flavour the `api-key` header too. Any key or none without `apiKey`. */
  function authorized(request: IncomingMessage): boolean {
    if (options.apiKey === undefined) return true;
    if (request.headers.authorization === `Bearer ${options.apiKey}`) return true;
    return options.flavor === 'azure' && request.headers['api-key'] === options.apiKey;
  }

  function respond(
    request: IncomingMessage,
    response: ServerResponse,
    /** `path` as routed (Azure's `/openai` prefix removed); `sentPath` as the client sent it, for the 404. */
    { path, sentPath }: { path: string; sentPath: string },
    body: unknown,
    rawBody: string,
  ): void {
    const method = request.method ?? '';
    const route = routeOf(method, path);
    if (!route) return send(response, unknownUrl(method, sentPath), 'normal');
    if (!authorized(request)) return send(response, invalidApiKey(), 'normal');
    if (route.kind === 'generation') {
      const { reply, delivery } = generate(route.endpoint, body, rawBody, state);
      return send(response, reply, delivery, options.chunksPerSecond);
    }
    send(response, modelsReply(models, route.id), 'normal');
  }

  server.listen(options.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    fileSha256: async (fileId) => {
      const file = files.get(fileId);
      return file ? files.sha256(file) : undefined;
    },
    close: () => {
      jobs.close();
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open streams (a stalled one never ends by itself) and idle keep-alive connections end now.
        server.closeAllConnections();
      }).then(() => files.close());
      return closed;
    },
  };
}

/** The Azure flavour serves the same API under `/openai/v1/...` as well. */
function apiPath(pathname: string, flavor: SimulatorOptions['flavor']): string {
  return flavor === 'azure' && pathname.startsWith('/openai/v1/') ? pathname.slice('/openai'.length) : pathname;
}

type Route = { kind: 'generation'; endpoint: 'chat' | 'completions' } | { kind: 'models'; id: string | undefined };

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'generation', endpoint: 'chat' };
  if (method === 'POST' && path === '/v1/completions') return { kind: 'generation', endpoint: 'completions' };
  if (method !== 'GET') return undefined;
  if (path === '/v1/models') return { kind: 'models', id: undefined };
  // Model ids contain colons (`ft:…`), which the SDK sends percent-encoded.
  const one = /^\/v1\/models\/([^/]+)$/.exec(path);
  if (!one?.[1]) return undefined;
  try {
    return { kind: 'models', id: decodeURIComponent(one[1]) };
  } catch {
    return undefined;
  }
}

function modelsReply(models: ModelCatalog, id: string | undefined): Reply {
  if (id === undefined) return { status: 200, body: { object: 'list', data: models.list().map(modelObject) } };
  const model = models.find(id);
  return model ? { status: 200, body: modelObject(model) } : modelNotFound(id);
}

/** Collects the body as UTF-8 text; `undefined` when it is over the size limit. */
function readBody(request: IncomingMessage, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  request.on('end', () => done(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined));
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
