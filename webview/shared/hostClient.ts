import {
  isEnvelope,
  type EventMap,
  type FromHost,
  type FromWebview,
  type RequestMap,
} from '../../src/protocol/envelope';

/** The webview end of a panel's protocol. The VS Code API object stays private to this module. */
export interface HostClient<R extends RequestMap, HostEvents extends EventMap> {
  request<M extends keyof R & string>(method: M, params: R[M]['params']): Promise<R[M]['result']>;
  on<K extends keyof HostEvents & string>(name: K, listener: (payload: HostEvents[K]) => void): void;
}

/** Connects to the host: listens first, then announces readiness so the host flushes what it held back. */
export function connectToHost<R extends RequestMap, HostEvents extends EventMap>(): HostClient<R, HostEvents> {
  const vscode = acquireVsCodeApi();
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Map<string, ((payload: unknown) => void)[]>();

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isEnvelope(message)) return;
    const typed = message as FromHost<HostEvents>;
    if (typed.type === 'response') {
      const waiter = pending.get(typed.id);
      pending.delete(typed.id);
      if (typed.ok) waiter?.resolve(typed.result);
      else waiter?.reject(new Error(typed.error));
    } else if (typed.type === 'event') {
      for (const listener of listeners.get(typed.name) ?? []) listener(typed.payload);
    }
  });
  const post = (message: FromWebview<R, EventMap>) => vscode.postMessage(message);
  post({ type: 'ready' });

  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'request', id, method, params } as FromWebview<R, EventMap>);
      });
    },
    on(name, listener) {
      const list = listeners.get(name) ?? [];
      list.push(listener as (payload: unknown) => void);
      listeners.set(name, list);
    },
  };
}
