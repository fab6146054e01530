import {
  isEnvelope,
  type ChunkOf,
  type EventMap,
  type FromHost,
  type FromWebview,
  type RequestMap,
} from '../../src/protocol/envelope';

/** How the webview follows a request while it runs. */
export interface RequestOptions<Chunk> {
  /** Called with each chunk a streaming request sends, in order, before the promise settles. */
  onChunk?: (chunk: Chunk) => void;
  /** Aborting it rejects the request at once (with the signal's reason) and asks the host to cancel it. */
  signal?: AbortSignal;
}

/** The webview end of a panel's protocol. The VS Code API object stays private to this module. */
export interface HostClient<
  R extends RequestMap,
  HostEvents extends EventMap,
  WebviewEvents extends EventMap = Record<never, never>,
> {
  request<M extends keyof R & string>(
    method: M,
    params: R[M]['params'],
    options?: RequestOptions<ChunkOf<R, M>>,
  ): Promise<R[M]['result']>;
  on<K extends keyof HostEvents & string>(name: K, listener: (payload: HostEvents[K]) => void): void;
  /** Tells the host something that needs no answer. */
  emit<K extends keyof WebviewEvents & string>(name: K, payload: WebviewEvents[K]): void;
}

/** Where the client posts (the VS Code API object) and where host messages arrive (the window). */
export interface ClientPort {
  postMessage(message: unknown): void;
}
export interface HostMessages {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Connects to the host: listens first, then announces readiness so the host flushes what it held back. */
export function connectToHost<R extends RequestMap, HostEvents extends EventMap>(): HostClient<R, HostEvents> {
  return createHostClient<R, HostEvents>(acquireVsCodeApi(), window);
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onChunk?: ((chunk: unknown) => void) | undefined;
}

/** The client over any port (tests pass fakes); `connectToHost` is this over the real VS Code API and window. */
export function createHostClient<
  R extends RequestMap,
  HostEvents extends EventMap,
  WebviewEvents extends EventMap = Record<never, never>,
>(port: ClientPort, messages: HostMessages): HostClient<R, HostEvents, WebviewEvents> {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, ((payload: unknown) => void)[]>();

  messages.addEventListener('message', (event) => {
    const message = event.data;
    if (!isEnvelope(message)) return;
    const typed = message as FromHost<HostEvents>;
    if (typed.type === 'stream') {
      pending.get(typed.id)?.onChunk?.(typed.chunk);
    } else if (typed.type === 'response') {
      const waiter = pending.get(typed.id);
      pending.delete(typed.id);
      if (typed.ok) waiter?.resolve(typed.result);
      else waiter?.reject(typed.cancelled ? abortError() : new Error(typed.error));
    } else if (typed.type === 'event') {
      for (const listener of listeners.get(typed.name) ?? []) listener(typed.payload);
    }
  });
  const post = (message: FromWebview<R, WebviewEvents>) => port.postMessage(message);
  post({ type: 'ready' });

  return {
    request(method, params, options = {}) {
      const { signal, onChunk } = options;
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const settle = () => signal?.removeEventListener('abort', abort);
        const abort = () => {
          // Answered already: nothing to cancel.
          if (!pending.delete(id)) return;
          post({ type: 'cancel', id });
          reject(signal?.reason as Error);
        };
        pending.set(id, {
          resolve: (value) => {
            settle();
            resolve(value);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
          onChunk: onChunk as ((chunk: unknown) => void) | undefined,
        });
        signal?.addEventListener('abort', abort, { once: true });
        post({ type: 'request', id, method, params } as FromWebview<R, WebviewEvents>);
      });
    },
    on(name, listener) {
      const list = listeners.get(name) ?? [];
      list.push(listener as (payload: unknown) => void);
      listeners.set(name, list);
    },
    emit(name, payload) {
      post({ type: 'event', name, payload } as FromWebview<R, WebviewEvents>);
    },
  };
}

/** What a request rejects with when the host cancelled it on its side (e.g. the panel is closing). */
function abortError(): Error {
  const error = new Error('The request was cancelled.');
  error.name = 'AbortError';
  return error;
}
