import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { JSDOM } from 'jsdom';
import type { ConversationRow, ExampleAction, ExampleEdit, ExampleView } from '../../../src/protocol/conversations';
import { exampleView, type JsonPath, type MessageView } from '../../../src/core/conversations/exampleView';
import type { CardContext, TextEditing } from '../../../webview/conversations/cardContext';
import { CARD_MARKDOWN_BUDGET, cardView } from '../../../webview/conversations/cardView';
import { TEXT_PREVIEW } from '../../../webview/conversations/textBlockView';
import { createMarkdownRenderer } from '../../../webview/shared/markdown/renderMarkdown';
import { useGlobalDocument } from './globalDocument';

const dom = new JSDOM('<!DOCTYPE html><body></body>');
const window = dom.window as unknown as Window & typeof globalThis;
const renderer = createMarkdownRenderer(window);

function message(
  path: JsonPath,
  role: string,
  text: string | undefined,
  extra: Partial<MessageView> = {},
): MessageView {
  return {
    path,
    role,
    parts: text === undefined ? [] : [{ kind: 'text', text, path: [...path, 'content'] }],
    dimmed: false,
    ...extra,
  };
}

function row(view: ExampleView, extra: Partial<ConversationRow> = {}): ConversationRow {
  return { position: 4, line: 9, view, problems: [], ...extra };
}

const chat: ExampleView = {
  kind: 'chat',
  messages: [
    message(['messages', 0], 'system', 'You are terse.'),
    message(['messages', 1], 'user', 'What is **2+2**?'),
    message(['messages', 2], 'assistant', 'Four.', { weight: 0, dimmed: true }),
    message(['messages', 3], 'assistant', undefined, {
      toolCalls: [{ id: 'call_1', name: 'add', arguments: '{\n  "a": 2\n}' }],
    }),
    message(['messages', 4], 'tool', '4', { toolCallId: 'call_1' }),
  ],
  tools: '[\n  {"type": "function"}\n]',
  extras: '{\n  "metadata": 1\n}',
};

interface Recorded {
  actions: ExampleAction[];
  edits: ExampleEdit[];
  started: { path: JsonPath; text: string }[];
  expanded: string[];
  cancelled: number;
}

function context(overrides: Partial<CardContext> = {}): { context: CardContext; recorded: Recorded } {
  const recorded: Recorded = { actions: [], edits: [], started: [], expanded: [], cancelled: 0 };
  return {
    recorded,
    context: {
      renderer,
      plain: false,
      tokenLimit: 65_536,
      readOnly: false,
      selected: false,
      matches: 100,
      editing: undefined,
      error: undefined,
      expanded: new Set(),
      actions: {
        act: (action) => recorded.actions.push(action),
        edit: (edit) => recorded.edits.push(edit),
        startEditing: (path, text) => recorded.started.push({ path, text }),
        setDraft: () => undefined,
        cancelEditing: () => recorded.cancelled++,
        expand: (key) => recorded.expanded.push(key),
        select: () => undefined,
      },
      ...overrides,
    },
  };
}

/** Nothing may point at a remote resource: no src or href other than a data: image or the inert link placeholder. */
function assertLoadsNothing(root: HTMLElement): void {
  for (const node of root.querySelectorAll('*')) {
    const src = node.getAttribute('src');
    if (src !== null) assert.match(src, /^data:image\//, `src on <${node.localName}>`);
    const href = node.getAttribute('href');
    if (href !== null) assert.equal(href, '#', `href on <${node.localName}>`);
    for (const attribute of ['srcset', 'poster', 'background', 'action', 'formaction'])
      assert.equal(node.getAttribute(attribute), null, attribute);
    assert.ok(!['iframe', 'script', 'object', 'embed', 'link', 'video', 'audio'].includes(node.localName));
  }
}

function texts(root: HTMLElement, selector: string): string[] {
  return [...root.querySelectorAll(selector)].map((node) => node.textContent ?? '');
}

function control(root: Element, name: string, index = 0): HTMLButtonElement {
  const found = root.querySelectorAll<HTMLButtonElement>(`[data-control="${name}"]`)[index];
  assert.ok(found, `control ${name} #${index}`);
  return found;
}

describe('conversations: cards', () => {
  useGlobalDocument(window);

  it('shows the line, tokens against the limit, problems and the example actions', () => {
    const { context: ctx, recorded } = context();
    const card = cardView(
      row(chat, {
        tokens: 70_000,
        problems: [{ code: 'ft.too-long', severity: 'error', message: 'Too long', character: 0 }],
      }),
      ctx,
    );
    assert.equal(card.getAttribute('role'), 'listitem');
    assert.equal(card.getAttribute('aria-posinset'), '5');
    assert.equal(card.getAttribute('aria-setsize'), '100');
    assert.equal(card.querySelector('.line-number')?.textContent, 'Line 10');
    const tokens = card.querySelector('.tokens')!;
    assert.equal(tokens.textContent, '70,000 / 65,536 tokens');
    assert.equal(tokens.className, 'tokens over');
    const problem = card.querySelector<HTMLButtonElement>('.problem')!;
    assert.equal(problem.querySelector('.codicon')?.className, 'codicon codicon-error');
    assert.equal(problem.querySelector('.problem-code')?.textContent, 'ft.too-long');
    assert.equal(problem.querySelector('.problem-message')?.textContent, 'Too long');
    problem.click();
    for (const name of ['openInPlayground', 'showInText', 'duplicate', 'delete'])
      control(card, `action-${name}`).click();
    assert.deepEqual(recorded.actions, ['showInText', 'openInPlayground', 'showInText', 'duplicate', 'delete']);
  });

  it('counts tokens without a limit and within it', () => {
    const under = cardView(row(chat, { tokens: 1234 }), context().context);
    assert.equal(under.querySelector('.tokens')?.textContent, '1,234 / 65,536 tokens');
    assert.equal(under.querySelector('.tokens')?.className, 'tokens');
    const noLimit = cardView(row(chat, { tokens: 12 }), context({ tokenLimit: undefined }).context);
    assert.equal(noLimit.querySelector('.tokens')?.textContent, '12 tokens');
    assert.equal(cardView(row(chat), context().context).querySelector('.tokens'), null);
  });

  it('draws a chat: roles, markdown, tool calls, tool results, weight 0, tools and extras', () => {
    const card = cardView(row(chat), context({ readOnly: true }).context);
    assert.deepEqual(texts(card, '.message .role'), ['system', 'user', 'assistant', 'assistant', 'tool']);
    assert.equal(card.querySelectorAll('.message')[1]?.querySelector('strong')?.textContent, '2+2');
    const dimmed = card.querySelectorAll('.message')[2]!;
    assert.ok(dimmed.classList.contains('dimmed'));
    assert.equal(dimmed.querySelector('.badge.weight')?.textContent, 'weight 0');
    const call = card.querySelector('.tool-call')!;
    assert.equal(call.querySelector('.tool-call-head span:not(.codicon)')?.textContent, 'add');
    assert.equal(call.querySelector('.call-id')?.textContent, 'call_1');
    assert.equal(call.querySelector('pre')?.textContent, '{\n  "a": 2\n}');
    assert.equal(card.querySelectorAll('.message')[4]?.querySelector('.tool-result')?.textContent, 'result of call_1');
    assert.deepEqual(texts(card, 'details.json summary'), ['Tools', 'Other fields']);
    assert.deepEqual(texts(card, 'details.json pre'), ['[\n  {"type": "function"}\n]', '{\n  "metadata": 1\n}']);
    // Read-only: no editing control at all, and only the actions that change nothing.
    assert.equal(card.querySelectorAll('select, textarea, [data-control="edit"], [data-control="delete"]').length, 0);
    assert.deepEqual(
      [...card.querySelectorAll('[data-control^="action-"]')].map((node) => node.getAttribute('data-control')),
      ['action-openInPlayground', 'action-showInText'],
    );
  });

  it('shows preference answers side by side, completions, RFT references, unreadable and blank lines', () => {
    const preference = cardView(
      row({
        kind: 'preference',
        input: [message(['input', 'messages', 0], 'user', 'Hi')],
        preferred: [message(['preferred_output', 0], 'assistant', 'Hello!')],
        nonPreferred: [message(['non_preferred_output', 0], 'assistant', 'Go away.')],
      }),
      context().context,
    );
    assert.deepEqual(texts(preference, '.side h3'), ['Preferred', 'Non-preferred']);
    assert.deepEqual(texts(preference, '.side .text'), ['Hello!\n', 'Go away.\n']);

    const completion = cardView(
      row({
        kind: 'completion',
        prompt: { kind: 'text', text: 'Q?', path: ['prompt'] },
        completion: { kind: 'text', text: 'A.', path: ['completion'] },
      }),
      context().context,
    );
    assert.deepEqual(texts(completion, '.message .role'), ['Prompt', 'Completion']);
    assert.deepEqual(texts(completion, '.text'), ['Q?\n', 'A.\n']);

    const rft = cardView(
      row({ kind: 'rft', messages: [message(['messages', 0], 'user', 'Solve')], reference: '{"answer": 4}' }),
      context().context,
    );
    assert.deepEqual(texts(rft, 'details.json summary'), ['Reference (grader fields)']);
    assert.deepEqual(texts(rft, 'details.json pre'), ['{"answer": 4}']);

    const unreadable = cardView(
      row({ kind: 'unreadable', reason: 'not valid JSON: Unexpected token', text: '{"messages": [<b>' }),
      context().context,
    );
    assert.equal(
      unreadable.querySelector('.unreadable')?.textContent,
      'Cannot show this line as an example: not valid JSON: Unexpected token',
    );
    assert.equal(unreadable.querySelector('pre.raw')?.textContent, '{"messages": [<b>');
    assert.equal(unreadable.querySelector('b'), null);

    assert.equal(
      cardView(row({ kind: 'blank' }), context().context).querySelector('.blank')?.textContent,
      'Blank line',
    );
  });

  it('shows a data: image as a thumbnail and never loads a remote one', () => {
    const card = cardView(
      row({
        kind: 'chat',
        messages: [
          {
            path: ['messages', 0],
            role: 'user',
            dimmed: false,
            parts: [
              { kind: 'image', src: 'data:image/png;base64,AAAA', detail: 'low' },
              { kind: 'image', remote: 'https://example.com/cat.png' },
              { kind: 'image', src: 'https://example.com/sneaky.png' },
              { kind: 'other', type: 'input_audio', json: '{"data": "…"}' },
            ],
          },
        ],
      }),
      context().context,
    );
    const images = card.querySelectorAll('img');
    assert.equal(images.length, 1);
    assert.equal(images[0]?.getAttribute('src'), 'data:image/png;base64,AAAA');
    assert.equal(card.querySelector('figcaption')?.textContent, 'detail: low');
    assert.deepEqual(texts(card, '.remote-image'), [
      'remote image, not loadedhttps://example.com/cat.png',
      'remote image, not loaded',
    ]);
    assert.deepEqual(texts(card, '.other-part .part-type'), ['input_audio']);
    assertLoadsNothing(card);
  });

  it('escapes text and loads nothing whatever the messages say, in both modes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (text, remote, plain) => {
        const view: ExampleView = {
          kind: 'chat',
          messages: [
            message(['messages', 0], 'user', text),
            {
              path: ['messages', 1],
              role: text,
              dimmed: false,
              parts: [{ kind: 'image', remote }],
              toolCalls: [{ name: text, arguments: text }],
            },
            message(['messages', 2], 'assistant', `![x](${remote}) [link](https://${remote}) <img src="${remote}">`),
          ],
        };
        const card = cardView(row(view), context({ plain }).context);
        assertLoadsNothing(card);
        if (plain) assert.equal(card.querySelector('.text.plain')?.textContent, text.slice(0, TEXT_PREVIEW));
      }),
      { numRuns: 200 },
    );
  });

  it('shows plain text verbatim', () => {
    const text = '# Not a heading\n  <b>bold?</b> **no**\n\ttab';
    const card = cardView(
      row({ kind: 'chat', messages: [message(['messages', 0], 'user', text)] }),
      context({ plain: true }).context,
    );
    const block = card.querySelector('.text')!;
    assert.equal(block.className, 'text plain');
    assert.equal(block.textContent, text);
    assert.equal(block.children.length, 0);
  });

  it('shortens a long text until it is expanded', () => {
    const long = 'x'.repeat(TEXT_PREVIEW + 10);
    const view: ExampleView = { kind: 'chat', messages: [message(['messages', 0], 'user', long)] };
    const { context: ctx, recorded } = context({ plain: true });
    const card = cardView(row(view), ctx);
    assert.equal(card.querySelector('.text')?.textContent, long.slice(0, TEXT_PREVIEW));
    control(card, 'expand').click();
    assert.deepEqual(recorded.expanded, ['9:messages/0/content']);
    const whole = cardView(row(view), context({ plain: true, expanded: new Set(['9:messages/0/content']) }).context);
    assert.equal(whole.querySelector('.text')?.textContent, long);
    assert.equal(whole.querySelector('[data-control="expand"]'), null);
  });

  it('renders markdown up to the card budget, and the texts after it as plain text', () => {
    const part = 'y'.repeat(TEXT_PREVIEW);
    const count = Math.floor(CARD_MARKDOWN_BUDGET / TEXT_PREVIEW) + 2;
    const view: ExampleView = {
      kind: 'chat',
      messages: Array.from({ length: count }, (_, i) => message(['messages', i], 'user', part)),
    };
    const classes = [...cardView(row(view), context().context).querySelectorAll('.text')].map((node) => node.className);
    const rendered = Math.floor(CARD_MARKDOWN_BUDGET / TEXT_PREVIEW);
    assert.deepEqual(classes, [
      ...Array<string>(rendered).fill('text'),
      ...Array<string>(count - rendered).fill('text plain'),
    ]);
  });

  it('sends the exact edit for every message control', () => {
    const { context: ctx, recorded } = context();
    const card = cardView(row(chat), ctx);
    const messages = card.querySelectorAll('.message');
    const user = messages[1]!;
    const picker = user.querySelector<HTMLSelectElement>('select.role-picker')!;
    assert.deepEqual(
      [...picker.options].map((option) => option.value),
      ['system', 'user', 'assistant', 'tool'],
    );
    picker.value = 'assistant';
    picker.dispatchEvent(new window.Event('change'));
    control(user, 'move-up').click();
    control(user, 'move-down').click();
    control(user, 'insert').click();
    control(user, 'delete').click();
    control(messages[2]!, 'weight').click();
    control(messages[3]!, 'weight').click();
    assert.deepEqual(recorded.edits, [
      { kind: 'setRole', message: ['messages', 1], role: 'assistant' },
      { kind: 'moveMessage', list: ['messages'], from: 1, to: 0 },
      { kind: 'moveMessage', list: ['messages'], from: 1, to: 2 },
      { kind: 'insertMessage', list: ['messages'], index: 2, role: 'assistant', text: '' },
      { kind: 'deleteMessage', list: ['messages'], index: 1 },
      { kind: 'setWeight', message: ['messages', 2], weight: 1 },
      { kind: 'setWeight', message: ['messages', 3], weight: 0 },
    ]);
    // The first message cannot move up, the last cannot move down; only assistant messages have a weight.
    assert.equal(control(messages[0]!, 'move-up').disabled, true);
    assert.equal(control(messages[4]!, 'move-down').disabled, true);
    assert.equal(messages[1]!.querySelector('[data-control="weight"]'), null);
    assert.equal(control(messages[2]!, 'weight').getAttribute('aria-pressed'), 'true');
  });

  it('offers a role that is not one of the usual ones, and keeps it selected', () => {
    const view: ExampleView = { kind: 'chat', messages: [message(['messages', 0], 'developer', 'Rules')] };
    const picker = cardView(row(view), context().context).querySelector<HTMLSelectElement>('select.role-picker')!;
    assert.deepEqual(
      [...picker.options].map((option) => option.value),
      ['developer', 'system', 'user', 'assistant', 'tool'],
    );
    assert.equal(picker.value, 'developer');
  });

  it('starts editing the text part (or the missing content) from Edit and from a double-click', () => {
    const { context: ctx, recorded } = context();
    const card = cardView(row(chat), ctx);
    const messages = card.querySelectorAll('.message');
    control(messages[1]!, 'edit').click();
    messages[0]!.querySelector('.text')!.dispatchEvent(new window.MouseEvent('dblclick', { bubbles: true }));
    control(messages[3]!, 'edit').click();
    assert.deepEqual(recorded.started, [
      { path: ['messages', 1, 'content'], text: 'What is **2+2**?' },
      { path: ['messages', 0, 'content'], text: 'You are terse.' },
      { path: ['messages', 3, 'content'], text: '' },
    ]);
  });

  it('saves an edited text with Ctrl+Enter or Save, and cancels with Escape', () => {
    const editing: TextEditing = { line: 9, path: ['messages', 1, 'content'], draft: 'draft' };
    const { context: ctx, recorded } = context({ editing });
    const card = cardView(row(chat), ctx);
    const area = card.querySelector('textarea')!;
    assert.equal(area.value, 'draft');
    area.value = 'Five?';
    area.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }));
    area.value = 'Six?';
    control(card, 'save').click();
    area.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape' }));
    assert.deepEqual(recorded.edits, [
      { kind: 'setText', path: ['messages', 1, 'content'], text: 'Five?' },
      { kind: 'setText', path: ['messages', 1, 'content'], text: 'Six?' },
    ]);
    assert.equal(recorded.cancelled, 1);
    // The edited part is replaced by the editor; the other messages still show their text.
    assert.equal(card.querySelectorAll('.message')[1]?.querySelector('.text'), null);
    assert.equal(card.querySelectorAll('.message')[0]?.querySelector('.text p')?.textContent, 'You are terse.');
  });

  it('adds a first message to an empty chat, and shows the last failure', () => {
    const { context: ctx, recorded } = context({ error: 'The document changed' });
    const card = cardView(row({ kind: 'chat', messages: [] }), ctx);
    control(card, 'add-first').click();
    assert.deepEqual(recorded.edits, [{ kind: 'insertMessage', list: ['messages'], index: 0, role: 'user', text: '' }]);
    assert.equal(card.querySelector('.card-error')?.textContent, 'The document changed');
  });

  it('draws whatever exampleView makes of any line, loading nothing', () => {
    const part = fc.oneof(
      fc.record({ type: fc.constant('text'), text: fc.string() }),
      fc.record({ type: fc.constant('image_url'), image_url: fc.record({ url: fc.oneof(fc.webUrl(), fc.string()) }) }),
      fc.jsonValue(),
    );
    const messageValue = fc.record(
      {
        role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'tool'), fc.string()),
        content: fc.oneof(fc.string(), fc.array(part, { maxLength: 3 }), fc.constant(null)),
        weight: fc.constantFrom(0, 1),
        tool_calls: fc.array(
          fc.record({ id: fc.string(), function: fc.record({ name: fc.string(), arguments: fc.string() }) }),
          {
            maxLength: 2,
          },
        ),
      },
      { requiredKeys: ['role'] },
    );
    const line = fc.oneof(
      fc.record({ messages: fc.array(messageValue, { maxLength: 4 }) }).map((value) => JSON.stringify(value)),
      fc
        .record({
          input: fc.record({ messages: fc.array(messageValue, { maxLength: 2 }) }),
          preferred_output: fc.array(messageValue, { maxLength: 1 }),
          non_preferred_output: fc.array(messageValue, { maxLength: 1 }),
        })
        .map((value) => JSON.stringify(value)),
      fc.record({ prompt: fc.string(), completion: fc.string() }).map((value) => JSON.stringify(value)),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string(),
    );
    fc.assert(
      fc.property(line, fc.boolean(), fc.boolean(), (text, plain, readOnly) => {
        const card = cardView(row(exampleView(text)), context({ plain, readOnly }).context);
        assertLoadsNothing(card);
      }),
      { numRuns: 300 },
    );
  });

  it('shows every message of the example dataset as written, in plain mode', () => {
    const lines = readFileSync('examples/support-chat.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    assert.ok(lines.length > 0);
    let unreadable = 0;
    for (const [index, line] of lines.entries()) {
      const card = cardView(row(exampleView(line), { line: index }), context({ plain: true, readOnly: true }).context);
      let parsed: { messages: { role: string; content: string | null }[] };
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        // The dataset has a broken line on purpose (it demonstrates validation).
        assert.match(card.querySelector('.unreadable')?.textContent ?? '', /not valid JSON/, `line ${index + 1}`);
        assert.equal(card.querySelector('pre.raw')?.textContent, line.slice(0, 2000));
        unreadable++;
        continue;
      }
      const messages = parsed.messages;
      assert.deepEqual(
        texts(card, '.message .role'),
        messages.map((message) => message.role),
        `line ${index + 1}`,
      );
      assert.deepEqual(
        texts(card, '.message .text'),
        messages.filter((message) => typeof message.content === 'string').map((message) => message.content),
        `line ${index + 1}`,
      );
    }
    assert.ok(unreadable < lines.length);
  });
});
