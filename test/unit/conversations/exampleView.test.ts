import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import {
  exampleFacts,
  exampleView,
  type ExampleView,
  type MessageView,
  type TextPart,
} from '../../../src/core/conversations/exampleView';

const line = (value: unknown) => JSON.stringify(value);
const system = (content: unknown) => ({ role: 'system', content });
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown, more: Record<string, unknown> = {}) => ({ role: 'assistant', content, ...more });

type ViewOf<K extends ExampleView['kind']> = Extract<ExampleView, { kind: K }>;

function viewOf<K extends ExampleView['kind']>(kind: K, text: string): ViewOf<K> {
  const view = exampleView(text);
  if (view.kind !== kind) assert.fail(`expected ${kind}, got ${JSON.stringify(view)}`);
  return view as ViewOf<K>;
}

function textPart(text: string, path: readonly (string | number)[]): TextPart {
  return { kind: 'text', text, path };
}

/** Every text part of a view, wherever it sits. */
function textParts(view: ExampleView): TextPart[] {
  const fromMessages = (messages: readonly MessageView[]) =>
    messages.flatMap((message) => message.parts.filter((part): part is TextPart => part.kind === 'text'));
  switch (view.kind) {
    case 'chat':
    case 'rft':
      return fromMessages(view.messages);
    case 'preference':
      return [...fromMessages(view.input), ...fromMessages(view.preferred), ...fromMessages(view.nonPreferred)];
    case 'completion':
      return [view.prompt, view.completion];
    default:
      return [];
  }
}

/** Each text part's path leads an editor to a string node holding exactly that text. */
function assertPathsReachTexts(text: string): number {
  const view = exampleView(text);
  const tree = parseTree(text);
  assert.ok(tree);
  const parts = textParts(view);
  for (const part of parts) {
    const node = findNodeAtLocation(tree, [...part.path]);
    assert.equal(node?.type, 'string', `path ${JSON.stringify(part.path)}`);
    assert.equal(node?.value, part.text);
  }
  return parts.length;
}

const toolCall = (id: string, name: string, args: string) => ({
  id,
  type: 'function',
  function: { name, arguments: args },
});
const weatherTool = {
  type: 'function',
  function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

describe('exampleView', () => {
  describe('blank and unreadable lines', () => {
    it('sees a line of white space (or only a BOM) as blank', () => {
      for (const text of ['', '   ', '\t\r', '\uFEFF', '\uFEFF  '])
        assert.deepEqual(exampleView(text), { kind: 'blank' }, JSON.stringify(text));
    });

    it('says why a line is not JSON, quoting the line', () => {
      const view = viewOf('unreadable', '{"messages": [');
      assert.match(view.reason, /^not valid JSON: ./);
      assert.equal(view.text, '{"messages": [');
    });

    it('refuses JSON values that are not objects', () => {
      for (const text of ['[1, 2]', '42', '"text"', 'null', 'true'])
        assert.deepEqual(exampleView(text), { kind: 'unreadable', reason: 'not a JSON object', text });
    });

    it('refuses an object with none of the formats’ keys', () => {
      assert.deepEqual(exampleView('{"text": "hello"}'), {
        kind: 'unreadable',
        reason: 'no messages, prompt or preferred_output',
        text: '{"text": "hello"}',
      });
    });

    it('names another tool’s layout', () => {
      const text = line({ instruction: 'Add', input: '1 2', output: '3' });
      assert.deepEqual(exampleView(text), {
        kind: 'unreadable',
        reason: 'Alpaca (instruction/input/output), not an OpenAI format',
        text,
      });
    });

    it('cuts a long unreadable line to 2,000 characters, ending with an ellipsis', () => {
      const text = `{"x": "${'a'.repeat(5000)}`;
      const view = viewOf('unreadable', text);
      assert.equal(view.text, `${text.slice(0, 1999)}…`);
    });
  });

  describe('chat examples', () => {
    it('shows each message with its role and its content as one text part at the content path', () => {
      const view = viewOf('chat', line({ messages: [system('Be brief.'), user('Hi'), assistant('Hello!')] }));
      assert.deepEqual(view, {
        kind: 'chat',
        messages: [
          {
            path: ['messages', 0],
            role: 'system',
            parts: [textPart('Be brief.', ['messages', 0, 'content'])],
            dimmed: false,
          },
          { path: ['messages', 1], role: 'user', parts: [textPart('Hi', ['messages', 1, 'content'])], dimmed: false },
          {
            path: ['messages', 2],
            role: 'assistant',
            parts: [textPart('Hello!', ['messages', 2, 'content'])],
            dimmed: false,
          },
        ],
      });
    });

    it('skips a leading BOM', () => {
      const view = viewOf('chat', `\uFEFF${line({ messages: [user('Hi'), assistant('Yo')] })}`);
      assert.deepEqual(
        view.messages.map((message) => message.role),
        ['user', 'assistant'],
      );
    });

    it('keeps the weight and dims a weight-0 assistant turn', () => {
      const view = viewOf(
        'chat',
        line({ messages: [user('a'), assistant('b', { weight: 0 }), user('c'), assistant('d', { weight: 1 })] }),
      );
      assert.deepEqual(
        view.messages.map((message) => [message.weight, message.dimmed]),
        [
          [undefined, false],
          [0, true],
          [undefined, false],
          [1, false],
        ],
      );
    });

    it('ignores a weight that is not a number', () => {
      const view = viewOf('chat', line({ messages: [user('a'), assistant('b', { weight: '0' })] }));
      assert.equal(view.messages[1]?.weight, undefined);
      assert.equal(view.messages[1]?.dimmed, false);
    });

    it('keeps the role as written, and an empty role when it is missing or not a string', () => {
      const view = viewOf(
        'chat',
        line({ messages: [{ role: 'Assistant', content: 'a' }, { content: 'b' }, { role: 3, content: 'c' }] }),
      );
      assert.deepEqual(
        view.messages.map((message) => message.role),
        ['Assistant', '', ''],
      );
    });

    it('shows tool calls with pretty arguments, and the tool reply with its call id', () => {
      const view = viewOf(
        'chat',
        line({
          tools: [weatherTool],
          messages: [
            user('Weather in Oslo?'),
            assistant(null, { tool_calls: [toolCall('call_1', 'weather', '{"city":"Oslo"}')] }),
            { role: 'tool', tool_call_id: 'call_1', content: '{"temp": 3}' },
            assistant('3 degrees.'),
          ],
        }),
      );
      assert.deepEqual(view.messages[1], {
        path: ['messages', 1],
        role: 'assistant',
        parts: [],
        toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{\n  "city": "Oslo"\n}' }],
        dimmed: false,
      });
      assert.deepEqual(view.messages[2], {
        path: ['messages', 2],
        role: 'tool',
        parts: [textPart('{"temp": 3}', ['messages', 2, 'content'])],
        toolCallId: 'call_1',
        dimmed: false,
      });
      assert.equal(view.tools, JSON.stringify([weatherTool], null, 2));
      assert.equal(view.extras, undefined);
    });

    it('shows arguments that do not parse, or are a scalar, as written', () => {
      const view = viewOf(
        'chat',
        line({
          messages: [
            user('x'),
            assistant(null, { tool_calls: [toolCall('a', 'f', '{"city": '), toolCall('b', 'g', '42'), { id: 'c' }] }),
          ],
        }),
      );
      assert.deepEqual(view.messages[1]?.toolCalls, [
        { id: 'a', name: 'f', arguments: '{"city": ' },
        { id: 'b', name: 'g', arguments: '42' },
        { id: 'c', name: '', arguments: '' },
      ]);
    });

    it('shows arguments written as an object (a common slip) as pretty JSON', () => {
      const call = { id: 'a', type: 'function', function: { name: 'f', arguments: { x: 1 } } };
      const view = viewOf('chat', line({ messages: [user('x'), assistant(null, { tool_calls: [call] })] }));
      assert.deepEqual(view.messages[1]?.toolCalls, [{ id: 'a', name: 'f', arguments: '{\n  "x": 1\n}' }]);
    });

    it('shows a legacy function call and the function reply with its name', () => {
      const view = viewOf(
        'chat',
        line({
          functions: [{ name: 'f', parameters: {} }],
          messages: [
            user('x'),
            assistant(null, { function_call: { name: 'f', arguments: '{}' } }),
            { role: 'function', name: 'f', content: 'done' },
          ],
        }),
      );
      assert.deepEqual(view.messages[1]?.toolCalls, [{ name: 'f', arguments: '{}' }]);
      assert.equal(view.messages[2]?.name, 'f');
      assert.equal(view.tools, JSON.stringify([{ name: 'f', parameters: {} }], null, 2));
    });

    it('shows both tools and functions together when an example defines both', () => {
      const functions = [{ name: 'f' }];
      const view = viewOf('chat', line({ messages: [user('x'), assistant('y')], tools: [weatherTool], functions }));
      assert.equal(view.tools, JSON.stringify({ tools: [weatherTool], functions }, null, 2));
    });

    it('shows other top-level keys as extras, and an empty tools list among them', () => {
      const view = viewOf(
        'chat',
        line({
          messages: [user('a'), assistant('b')],
          tools: [],
          metadata: { source: 'faq' },
          parallel_tool_calls: false,
        }),
      );
      assert.equal(view.tools, undefined);
      assert.equal(
        view.extras,
        JSON.stringify({ tools: [], metadata: { source: 'faq' }, parallel_tool_calls: false }, null, 2),
      );
    });

    it('shows a "__proto__" key among the extras like any other key', () => {
      const view = viewOf('chat', '{"messages": [], "__proto__": {"a": 1}}');
      assert.equal(view.extras, '{\n  "__proto__": {\n    "a": 1\n  }\n}');
    });

    it('cuts extras to 2,000 characters without losing their start', () => {
      const view = viewOf('chat', line({ messages: [], metadata: { note: 'n'.repeat(100_000) } }));
      const full = JSON.stringify({ metadata: { note: 'n'.repeat(100_000) } }, null, 2);
      assert.equal(view.extras, `${full.slice(0, 1999)}…`);
    });

    it('cuts a long text of many keys the same way', () => {
      const metadata = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`key${i}`, i]));
      const view = viewOf('chat', line({ messages: [], metadata }));
      assert.equal(view.extras, `${JSON.stringify({ metadata }, null, 2).slice(0, 1999)}…`);
    });

    it('shows null or missing content as no parts', () => {
      const view = viewOf(
        'chat',
        line({ messages: [user('a'), { role: 'assistant', content: null }, { role: 'assistant' }] }),
      );
      assert.deepEqual(view.messages[1]?.parts, []);
      assert.deepEqual(view.messages[2]?.parts, []);
    });

    it('shows content parts: text with its own path, data images, remote images as text, other parts as JSON', () => {
      const dataUrl = 'data:image/png;base64,iVBORw0KGgo=';
      const audio = { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } };
      const view = viewOf(
        'chat',
        line({
          messages: [
            user([
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: dataUrl, detail: 'low' } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
              { type: 'image_url', image_url: 'https://example.com/dog.png' },
              audio,
              { type: 'text', text: 7 },
              'loose',
            ]),
            assistant('A cat.'),
          ],
        }),
      );
      assert.deepEqual(view.messages[0]?.parts, [
        textPart('What is this?', ['messages', 0, 'content', 0, 'text']),
        { kind: 'image', src: dataUrl, detail: 'low' },
        { kind: 'image', remote: 'https://example.com/cat.png' },
        { kind: 'image', remote: 'https://example.com/dog.png' },
        { kind: 'other', type: 'input_audio', json: JSON.stringify(audio, null, 2) },
        { kind: 'other', type: 'text', json: '{\n  "type": "text",\n  "text": 7\n}' },
        { kind: 'other', type: '', json: '"loose"' },
      ]);
    });

    it('shows an image part without a URL as another part', () => {
      const part = { type: 'image_url', image_url: { detail: 'high' } };
      const view = viewOf('chat', line({ messages: [user([part]), assistant('ok')] }));
      assert.deepEqual(view.messages[0]?.parts, [
        { kind: 'other', type: 'image_url', json: JSON.stringify(part, null, 2) },
      ]);
    });

    it('never loads a data URL that is not an image', () => {
      const url = 'data:text/html,<script>alert(1)</script>';
      const view = viewOf(
        'chat',
        line({ messages: [user([{ type: 'image_url', image_url: { url } }]), assistant('ok')] }),
      );
      assert.deepEqual(view.messages[0]?.parts, [{ kind: 'image', remote: url }]);
    });

    it('recognises a data image URL in any case', () => {
      const url = 'DATA:IMAGE/JPEG;base64,AAAA';
      const view = viewOf(
        'chat',
        line({ messages: [user([{ type: 'image_url', image_url: { url } }]), assistant('ok')] }),
      );
      assert.deepEqual(view.messages[0]?.parts, [{ kind: 'image', src: url }]);
    });

    it('cuts another part’s JSON to 2,000 characters', () => {
      const part = { type: 'file', file: { file_data: 'x'.repeat(50_000) } };
      const view = viewOf('chat', line({ messages: [user([part]), assistant('ok')] }));
      const json = view.messages[0]?.parts[0];
      assert.deepEqual(json, { kind: 'other', type: 'file', json: `${JSON.stringify(part, null, 2).slice(0, 1999)}…` });
    });

    it('shows content that is neither text nor a list as another part', () => {
      const view = viewOf('chat', line({ messages: [user({ text: 'hi' }), user(5), assistant('ok')] }));
      assert.deepEqual(view.messages[0]?.parts, [{ kind: 'other', type: '', json: '{\n  "text": "hi"\n}' }]);
      assert.deepEqual(view.messages[1]?.parts, [{ kind: 'other', type: '', json: '5' }]);
    });

    it('shows a message that is not an object as a message without a role', () => {
      const view = viewOf('chat', line({ messages: ['hello', null, [1]] }));
      assert.deepEqual(view.messages, [
        { path: ['messages', 0], role: '', parts: [{ kind: 'other', type: '', json: '"hello"' }], dimmed: false },
        { path: ['messages', 1], role: '', parts: [{ kind: 'other', type: '', json: 'null' }], dimmed: false },
        { path: ['messages', 2], role: '', parts: [{ kind: 'other', type: '', json: '[\n  1\n]' }], dimmed: false },
      ]);
    });

    it('shows a single message where the list belongs at the list’s path', () => {
      const view = viewOf('chat', line({ messages: user('Hi') }));
      assert.deepEqual(view.messages, [
        { path: ['messages'], role: 'user', parts: [textPart('Hi', ['messages', 'content'])], dimmed: false },
      ]);
    });

    it('shows no messages for a null list', () => {
      assert.deepEqual(exampleView('{"messages": null}'), { kind: 'chat', messages: [] });
    });
  });

  describe('reinforcement fine-tuning examples', () => {
    it('shows the conversation and the grader’s fields as the reference', () => {
      const view = viewOf(
        'rft',
        line({
          messages: [system('Solve.'), user('2+2?')],
          tools: [weatherTool],
          reference_answer: '4',
          steps: [1, 2],
        }),
      );
      assert.deepEqual(view, {
        kind: 'rft',
        messages: [
          {
            path: ['messages', 0],
            role: 'system',
            parts: [textPart('Solve.', ['messages', 0, 'content'])],
            dimmed: false,
          },
          { path: ['messages', 1], role: 'user', parts: [textPart('2+2?', ['messages', 1, 'content'])], dimmed: false },
        ],
        reference: JSON.stringify({ reference_answer: '4', steps: [1, 2] }, null, 2),
        tools: JSON.stringify([weatherTool], null, 2),
      });
    });

    it('has no reference when there are no other fields', () => {
      const view = viewOf('rft', line({ messages: [user('Q')] }));
      assert.equal(view.reference, undefined);
      assert.equal(view.tools, undefined);
    });
  });

  describe('preference examples', () => {
    it('shows the input, the preferred and the non-preferred answers at their paths, with the input’s tools', () => {
      const view = viewOf(
        'preference',
        line({
          input: { messages: [user('Hi')], tools: [weatherTool] },
          preferred_output: [assistant('Hello!')],
          non_preferred_output: [assistant('What?')],
        }),
      );
      assert.deepEqual(view, {
        kind: 'preference',
        input: [
          {
            path: ['input', 'messages', 0],
            role: 'user',
            parts: [textPart('Hi', ['input', 'messages', 0, 'content'])],
            dimmed: false,
          },
        ],
        preferred: [
          {
            path: ['preferred_output', 0],
            role: 'assistant',
            parts: [textPart('Hello!', ['preferred_output', 0, 'content'])],
            dimmed: false,
          },
        ],
        nonPreferred: [
          {
            path: ['non_preferred_output', 0],
            role: 'assistant',
            parts: [textPart('What?', ['non_preferred_output', 0, 'content'])],
            dimmed: false,
          },
        ],
        tools: JSON.stringify([weatherTool], null, 2),
      });
    });

    it('reads the old key names', () => {
      const view = viewOf(
        'preference',
        line({
          input: { messages: [user('Hi')] },
          preferred_completion: [assistant('A')],
          non_preferred_completion: [assistant('B')],
        }),
      );
      assert.deepEqual(view.preferred[0]?.path, ['preferred_completion', 0]);
      assert.deepEqual(view.nonPreferred[0]?.parts, [textPart('B', ['non_preferred_completion', 0, 'content'])]);
    });

    it('shows what is there when parts are missing or misshapen', () => {
      const view = viewOf('preference', line({ input: 'Hi', preferred_output: assistant('A') }));
      assert.deepEqual(view, {
        kind: 'preference',
        input: [],
        preferred: [
          {
            path: ['preferred_output'],
            role: 'assistant',
            parts: [textPart('A', ['preferred_output', 'content'])],
            dimmed: false,
          },
        ],
        nonPreferred: [],
      });
    });

    it('shows top-level tools when the input has none', () => {
      const view = viewOf('preference', line({ input: { messages: [] }, tools: [weatherTool], preferred_output: [] }));
      assert.equal(view.tools, JSON.stringify([weatherTool], null, 2));
    });
  });

  describe('prompt/completion examples', () => {
    it('shows the prompt and the completion at their paths', () => {
      assert.deepEqual(exampleView(line({ prompt: 'Q: 1+1\nA:', completion: ' 2' })), {
        kind: 'completion',
        prompt: textPart('Q: 1+1\nA:', ['prompt']),
        completion: textPart(' 2', ['completion']),
      });
    });

    it('says which of them is missing or not text', () => {
      assert.equal(viewOf('unreadable', line({ prompt: 'Q' })).reason, 'no "completion"');
      assert.equal(viewOf('unreadable', line({ prompt: 1, completion: 'x' })).reason, '"prompt" is not a string');
    });
  });

  describe('paths', () => {
    it('lead an editor to each text, in every format', () => {
      const examples = [
        line({
          messages: [
            system('s'),
            user([
              { type: 'text', text: 'a\n"b"' },
              { type: 'image_url', image_url: { url: 'x' } },
            ]),
            assistant('c'),
          ],
        }),
        line({ messages: [user('q')], answer: 'x' }),
        line({
          input: { messages: [user('u')] },
          preferred_output: [assistant('p')],
          non_preferred_output: [assistant([{ type: 'text', text: 'n' }])],
        }),
        line({ prompt: 'p', completion: 'c' }),
        line({ messages: user('single') }),
        `\uFEFF${line({ messages: [user('after a BOM'), assistant('\u2028 \\ \u00e9')] })}`,
      ];
      assert.deepEqual(
        examples.map((text) => assertPathsReachTexts(text)),
        [3, 1, 3, 2, 1, 2],
      );
    });

    it('lead an editor to each text of any generated example', () => {
      const content = fc.oneof(
        fc.string(),
        fc.array(fc.oneof(fc.record({ type: fc.constant('text'), text: fc.string() }), fc.jsonValue())),
        fc.jsonValue(),
      );
      const message = fc.oneof(fc.record({ role: fc.string(), content }), fc.jsonValue());
      const messages = fc.array(message, { maxLength: 5 });
      const example = fc.oneof(
        fc.record({ messages }),
        fc.record({ input: fc.record({ messages }), preferred_output: messages, non_preferred_output: messages }),
        fc.record({ prompt: fc.string(), completion: fc.string() }),
      );
      fc.assert(
        fc.property(example, (value) => {
          assertPathsReachTexts(JSON.stringify(value));
        }),
      );
    });
  });

  describe('any input', () => {
    const noThrow = (text: string) => {
      exampleFacts(exampleView(text));
    };

    it('never throws on arbitrary strings', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary' }), noThrow));
    });

    it('never throws on arbitrary JSON values, alone or in any key of the formats', () => {
      const keys = [
        'messages',
        'input',
        'preferred_output',
        'non_preferred_output',
        'prompt',
        'completion',
        'tools',
        'functions',
      ];
      const value = fc.jsonValue();
      const example = fc.dictionary(fc.constantFrom(...keys, 'other'), value);
      const messageish = fc.record({
        messages: fc.array(
          fc.dictionary(
            fc.constantFrom('role', 'content', 'tool_calls', 'function_call', 'weight', 'name', 'tool_call_id'),
            value,
          ),
        ),
      });
      fc.assert(fc.property(fc.oneof(value, example, messageish), (item) => noThrow(JSON.stringify(item))));
    });

    it('never throws on deeply nested values', () => {
      const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
      for (const text of [
        `{"messages": [], "metadata": ${deep}}`,
        `{"messages": [{"role": "user", "content": [${deep}]}]}`,
        `{"messages": [{"role": "user", "content": ${deep}}], "tools": ${deep}}`,
      ])
        noThrow(text);
    });

    it('pretty-prints small values exactly as JSON.stringify does', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (metadata) => {
          const expected = JSON.stringify({ metadata }, null, 2);
          fc.pre(expected.length <= 2000);
          assert.equal(viewOf('chat', line({ messages: [], metadata })).extras, expected);
        }),
      );
    });
  });
});

describe('exampleFacts', () => {
  const facts = (value: unknown) => exampleFacts(exampleView(typeof value === 'string' ? value : line(value)));

  it('lists each role once, as written, in order of appearance', () => {
    const found = facts({
      messages: [system('s'), user('a'), assistant('b'), user('c'), { role: 'Assistant', content: 'd' }, 'x'],
    });
    assert.deepEqual(found.roles, ['system', 'user', 'assistant', 'Assistant']);
  });

  it('gathers message texts, tool call names and arguments, and tools for search', () => {
    const found = facts({
      tools: [weatherTool],
      messages: [
        user([
          { type: 'text', text: 'Weather?' },
          { type: 'image_url', image_url: { url: 'https://x/y.png' } },
        ]),
        assistant(null, { tool_calls: [toolCall('c', 'weather', '{"city":"Oslo"}')] }),
        { role: 'tool', tool_call_id: 'c', content: 'cold' },
      ],
    });
    assert.deepEqual(found, {
      roles: ['user', 'assistant', 'tool'],
      hasTools: true,
      hasImages: true,
      hasSystem: false,
      texts: ['Weather?', 'weather', '{\n  "city": "Oslo"\n}', 'cold', JSON.stringify([weatherTool], null, 2)],
    });
  });

  it('sees tools in definitions, tool calls, legacy function calls and tool or function replies', () => {
    assert.equal(facts({ messages: [user('a'), assistant('b')] }).hasTools, false);
    assert.equal(facts({ messages: [user('a')], tools: [] }).hasTools, false);
    assert.equal(facts({ messages: [user('a')], functions: [{ name: 'f' }] }).hasTools, true);
    assert.equal(facts({ messages: [assistant(null, { tool_calls: [toolCall('c', 'f', '{}')] })] }).hasTools, true);
    assert.equal(
      facts({ messages: [assistant(null, { function_call: { name: 'f', arguments: '{}' } })] }).hasTools,
      true,
    );
    assert.equal(facts({ messages: [{ role: 'tool', content: 'x' }] }).hasTools, true);
    assert.equal(facts({ messages: [{ role: 'function', name: 'f', content: 'x' }] }).hasTools, true);
    assert.equal(
      facts({ input: { messages: [user('a')], tools: [weatherTool] }, preferred_output: [] }).hasTools,
      true,
    );
  });

  it('sees a system or developer message in any case', () => {
    assert.equal(facts({ messages: [user('a'), assistant('b')] }).hasSystem, false);
    assert.equal(facts({ messages: [system('s'), user('a')] }).hasSystem, true);
    assert.equal(facts({ messages: [{ role: 'developer', content: 'd' }, user('a')] }).hasSystem, true);
    assert.equal(facts({ messages: [{ role: 'System', content: 'd' }, user('a')] }).hasSystem, true);
  });

  it('looks through every message of a preference example', () => {
    const found = facts({
      input: { messages: [system('s'), user('u')] },
      preferred_output: [assistant('p')],
      non_preferred_output: [assistant([{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA' } }])],
    });
    assert.deepEqual(found, {
      roles: ['system', 'user', 'assistant'],
      hasTools: false,
      hasImages: true,
      hasSystem: true,
      texts: ['s', 'u', 'p'],
    });
  });

  it('searches a completion example’s prompt and completion', () => {
    assert.deepEqual(facts({ prompt: 'P', completion: 'C' }), {
      roles: [],
      hasTools: false,
      hasImages: false,
      hasSystem: false,
      texts: ['P', 'C'],
    });
  });

  it('knows nothing of blank or unreadable lines', () => {
    const none = { roles: [], hasTools: false, hasImages: false, hasSystem: false, texts: [] };
    assert.deepEqual(facts(''), none);
    assert.deepEqual(facts('{oops'), none);
  });
});
