import type { EventMap, RequestMap } from '../../src/protocol/envelope';
import { FakeWebview, type Posted } from '../unit/protocol/fakeWebview';

/**
 * Drives a host from a test as its webview page would: says it is ready, sends requests (through the host's message
 * checks) and waits for their answers and for the host's events — on messages, never on time.
 */
export class WebviewDriver<R extends RequestMap, E extends EventMap> {
  readonly webview = new FakeWebview();
  private nextId = 1;

  /** Call once the host listens (right after constructing it). */
  ready(): void {
    this.webview.deliver({ type: 'ready' });
  }

  async request<M extends keyof R & string>(method: M, params: R[M]['params']): Promise<R[M]['result']> {
    const id = this.nextId++;
    const answer = this.webview.waitFor((message) => message.type === 'response' && message.id === id);
    this.webview.deliver({ type: 'request', id, method, params });
    const response = (await answer) as Posted & { ok: boolean; result?: unknown; error?: string };
    if (!response.ok) throw new Error(response.error);
    return response.result;
  }

  /** An event of this name satisfying `accept`: the latest already posted, else the next one. */
  async event<K extends keyof E & string>(name: K, accept: (payload: E[K]) => boolean = () => true): Promise<E[K]> {
    const matches = (message: Posted) =>
      message.type === 'event' && message.name === name && accept(message.payload as E[K]);
    const seen = this.webview.posted.filter(matches).at(-1);
    const message = seen ?? (await this.webview.waitFor(matches));
    return message.payload as E[K];
  }
}
