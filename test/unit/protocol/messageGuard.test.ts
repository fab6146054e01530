import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { WebviewHost } from '../../../src/panels/webviewHost';
import { checkWebviewMessage, type WebviewProtocol } from '../../../src/protocol/checkMessage';
import { arrayOf, isIndex, isString, literal, object, optional } from '../../../src/protocol/guards';
import { reportProtocol, type ReportRequests } from '../../../src/protocol/report';
import { FakeWebview, RecordingLogger } from './fakeWebview';

type Requests = {
  ask: { params: { text: string; tags?: string[] }; result: null };
  pick: { params: { index: number; side: 'a' | 'b' }; result: null };
};
type Events = { seen: { index: number } };
const protocol: WebviewProtocol<Requests, Events> = {
  requests: {
    ask: object({ text: isString, tags: optional(arrayOf(isString)) }),
    pick: object({ index: isIndex, side: literal('a', 'b') }),
  },
  events: { seen: object({ index: isIndex }) },
};

/** Valid messages of the test protocol. */
const validMessage = fc.oneof(
  fc.constant({ type: 'ready' }),
  fc.record({ type: fc.constant('cancel'), id: fc.nat() }),
  fc.record({
    type: fc.constant('request'),
    id: fc.nat(),
    method: fc.constant('ask'),
    params: fc.record({ text: fc.string(), tags: fc.array(fc.string()) }, { requiredKeys: ['text'] }),
  }),
  fc.record({
    type: fc.constant('request'),
    id: fc.nat(),
    method: fc.constant('pick'),
    params: fc.record({ index: fc.nat(), side: fc.constantFrom('a', 'b') }),
  }),
  fc.record({ type: fc.constant('event'), name: fc.constant('seen'), payload: fc.record({ index: fc.nat() }) }),
);

/** Names a plain-object lookup would find on Object.prototype. */
const inheritedNames = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf');

/** A valid message changed in one way that makes it invalid. */
const brokenMessage = fc
  .tuple(
    validMessage.filter((m) => m.type !== 'ready'),
    fc.integer({ min: 0, max: 7 }),
    fc.anything(),
    fc.string(),
  )
  .map(([message, how, junk, text]) => {
    const m = structuredClone(message) as Record<string, unknown>;
    const params = m.params as Record<string, unknown> | undefined;
    const payload = m.payload as Record<string, unknown> | undefined;
    const keys = Object.keys(m).filter((k) => k !== 'type');
    switch (how) {
      case 0: // a field goes missing
        delete m[keys[text.length % keys.length]!];
        break;
      case 1: // an unexpected field
        m[`x${text}`] = junk;
        break;
      case 2: // an id that is no non-negative integer
        m.id = typeof junk === 'number' && Number.isSafeInteger(junk) && junk >= 0 ? -1 - junk : junk;
        if (!('id' in message)) m.id = 1; // ids are unexpected on events
        break;
      case 3: // an unknown or inherited method / event name
        m.method = m.method === undefined ? undefined : `${m.method as string}${text}!`;
        m.name = m.name === undefined ? undefined : '__proto__';
        if (m.type === 'cancel') m.type = 'cancel ';
        break;
      case 4: // params / payload of the wrong shape
        if (m.type === 'request') m.params = Array.isArray(junk) ? junk : [junk];
        else if (m.type === 'event') m.payload = { index: -1 };
        else m.id = String(m.id);
        break;
      case 5: // a nested field of the wrong type
        if (params?.text !== undefined) params.text = 7;
        else if (params?.side !== undefined) params.side = 'c';
        else if (payload) payload.index = 0.5;
        else m.id = 0.5;
        break;
      case 6: // not a plain object at all
        return [m];
      default: // an unknown type
        m.type = `${String(m.type)}x`;
    }
    return m;
  });

describe('webview message guard (fuzzed)', () => {
  function hostWithSpies() {
    const webview = new FakeWebview();
    const log = new RecordingLogger();
    const acted: unknown[] = [];
    const host = new WebviewHost<Requests, Record<never, never>, Events>(
      webview,
      {
        ask: (params) => {
          acted.push(params);
          return null;
        },
        pick: (params) => {
          acted.push(params);
          return null;
        },
      },
      { protocol, log },
    );
    host.on('seen', (payload) => acted.push(payload));
    return { webview, log, acted, host };
  }

  it('never throws on arbitrary values, and accepts only what the protocol defines', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.object()), (value) => {
        const checked = checkWebviewMessage(value, protocol);
        if (checked.ok) assert.ok(isValid(value), JSON.stringify(value));
        else assert.equal(typeof checked.reason, 'string');
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every valid message', () => {
    fc.assert(
      fc.property(validMessage, (message) => {
        const delivered = structuredClone(message);
        assert.deepEqual(checkWebviewMessage(delivered, protocol), { ok: true, message: delivered });
      }),
    );
  });

  it('drops and logs mutated valid messages without acting on them or throwing', () => {
    fc.assert(
      fc.property(brokenMessage, (message) => {
        const { webview, log, acted, host } = hostWithSpies();
        webview.deliver({ type: 'ready' });
        webview.deliver(message);
        host.dispose();
        assert.deepEqual(acted, [], JSON.stringify(message));
        assert.deepEqual(webview.posted, []);
        assert.equal(log.lines.length, 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('never acts on arbitrary values delivered to the host', () => {
    const { webview, log, acted, host } = hostWithSpies();
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (value) => {
        webview.deliver(value);
      }),
      { numRuns: 2000 },
    );
    host.dispose();
    assert.deepEqual(acted, []);
    assert.ok(log.lines.length > 0);
    assert.ok(
      log.lines.every((line) => line.length < 120),
      'log lines are short and never quote the message',
    );
  });

  it('does not mistake inherited names for methods or events', () => {
    fc.assert(
      fc.property(inheritedNames, fc.nat(), (name, id) => {
        const checkedRequest = checkWebviewMessage({ type: 'request', id, method: name, params: {} }, protocol);
        const checkedEvent = checkWebviewMessage({ type: 'event', name, payload: {} }, protocol);
        assert.equal(checkedRequest.ok || checkedEvent.ok, false);
      }),
    );
    const withoutPrototype = Object.assign(Object.create(null) as object, { type: 'ready' });
    assert.equal(checkWebviewMessage(withoutPrototype, protocol).ok, true, 'a null-prototype object is plain data');
    assert.equal(
      checkWebviewMessage(
        new (class Ready {
          type = 'ready';
        })(),
        protocol,
      ).ok,
      false,
    );
  });

  it('treats a guard that throws as a failed check', () => {
    const throwing: WebviewProtocol<{ x: { params: unknown; result: null } }, Record<never, never>> = {
      requests: {
        x: (_v): _v is unknown => {
          throw new Error('guard bug');
        },
      },
      events: {},
    };
    assert.equal(checkWebviewMessage({ type: 'request', id: 1, method: 'x', params: 1 }, throwing).ok, false);
  });
});

describe('report protocol check', () => {
  const check = (value: unknown) => checkWebviewMessage<ReportRequests, Record<never, never>>(value, reportProtocol);
  it('accepts the report webview messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'request', id: 1, method: 'setModel', params: { model: 'gpt-4o-mini' } },
      { type: 'request', id: 2, method: 'revealLine', params: { line: 0 } },
      { type: 'cancel', id: 2 },
    ])
      assert.equal(check(message).ok, true, JSON.stringify(message));
  });
  it('drops malformed ones', () => {
    for (const message of [
      { type: 'request', id: 1, method: 'setModel', params: { model: 3 } },
      { type: 'request', id: 1, method: 'setModel', params: {} },
      { type: 'request', id: 1, method: 'setModel', params: { model: 'm', url: 'https://x' } },
      { type: 'request', id: 2, method: 'revealLine', params: { line: -1 } },
      { type: 'request', id: 2, method: 'revealLine', params: { line: 1.5 } },
      { type: 'request', id: 2, method: 'revealLine', params: { line: '3' } },
      { type: 'request', id: 2, method: 'openFile', params: { path: '/etc/passwd' } },
      { type: 'event', name: 'report', payload: {} },
    ])
      assert.equal(check(message).ok, false, JSON.stringify(message));
  });
});

/** A second, independent statement of the test protocol, to judge what the guard accepted. */
function isValid(input: unknown): boolean {
  const keys = (v: object) => Object.keys(v).sort().join(',');
  const plain = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(v));
  const nat = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!plain(input)) return false;
  const value = input as Record<string, unknown>;
  switch (value.type) {
    case 'ready':
      return keys(value) === 'type';
    case 'cancel':
      return keys(value) === 'id,type' && nat(value.id);
    case 'event':
      return (
        keys(value) === 'name,payload,type' &&
        value.name === 'seen' &&
        plain(value.payload) &&
        keys(value.payload as object) === 'index' &&
        nat((value.payload as Record<string, unknown>).index)
      );
    case 'request': {
      if (!['id,method,params,type', 'id,method,type'].includes(keys(value)) || !nat(value.id)) return false;
      if (!plain(value.params)) return false;
      const p = value.params as Record<string, unknown>;
      if (value.method === 'pick')
        return keys(p) === 'index,side' && nat(p.index) && (p.side === 'a' || p.side === 'b');
      if (value.method === 'ask')
        return (
          ['text', 'tags,text'].includes(keys(p)) &&
          typeof p.text === 'string' &&
          (p.tags === undefined || (Array.isArray(p.tags) && p.tags.every((t: unknown) => typeof t === 'string')))
        );
      return false;
    }
    default:
      return false;
  }
}
