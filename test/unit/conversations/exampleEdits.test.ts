import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import {
  applyLineEdit,
  exampleLineEdit,
  type ExampleEdit,
  type LineEdit,
} from '../../../src/core/conversations/exampleEdits';

function editOf(line: string, edit: ExampleEdit): LineEdit {
  const result = exampleLineEdit(line, edit);
  if (!result.ok) assert.fail(`refused: ${result.reason}`);
  return result.edit;
}

const edited = (line: string, edit: ExampleEdit): string => applyLineEdit(line, editOf(line, edit));

function refusal(line: string, edit: ExampleEdit): string {
  const result = exampleLineEdit(line, edit);
  if (result.ok) assert.fail(`edited: ${JSON.stringify(result.edit)}`);
  return result.reason;
}

const compact = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo","weight":1}]}';
const spaced = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}';

describe('applyLineEdit', () => {
  it('replaces the range and keeps the rest', () => {
    assert.equal(applyLineEdit('abcdef', { start: 2, end: 4, newText: 'XYZ' }), 'abXYZef');
    assert.equal(applyLineEdit('abc', { start: 3, end: 3, newText: '!' }), 'abc!');
  });
});

describe('exampleLineEdit', () => {
  describe('setText', () => {
    it('replaces exactly the string token, escaping quotes and newlines', () => {
      const edit = editOf(compact, { kind: 'setText', path: ['messages', 0, 'content'], text: 'a "b"\nc' });
      assert.deepEqual(edit, { start: 38, end: 42, newText: '"a \\"b\\"\\nc"' });
      assert.equal(
        applyLineEdit(compact, edit),
        '{"messages":[{"role":"user","content":"a \\"b\\"\\nc"},{"role":"assistant","content":"yo","weight":1}]}',
      );
    });

    it('edits a text part of array content', () => {
      const line =
        '{"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]}]}';
      assert.equal(
        edited(line, { kind: 'setText', path: ['messages', 0, 'content', 1, 'text'], text: 'deux' }),
        '{"messages":[{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"deux"}]}]}',
      );
    });

    it('turns null content into the string', () => {
      const line = '{"messages":[{"role":"assistant","content":null,"tool_calls":[]}]}';
      assert.equal(
        edited(line, { kind: 'setText', path: ['messages', 0, 'content'], text: 'ok' }),
        '{"messages":[{"role":"assistant","content":"ok","tool_calls":[]}]}',
      );
    });

    it('edits preference lines', () => {
      const line =
        '{"input":{"messages":[{"role":"user","content":"q"}]},"preferred_output":[{"role":"assistant","content":"a"}]}';
      assert.equal(
        edited(line, { kind: 'setText', path: ['preferred_output', 0, 'content'], text: 'b' }),
        '{"input":{"messages":[{"role":"user","content":"q"}]},"preferred_output":[{"role":"assistant","content":"b"}]}',
      );
      assert.equal(
        edited(line, { kind: 'setText', path: ['input', 'messages', 0, 'content'], text: 'r' }),
        '{"input":{"messages":[{"role":"user","content":"r"}]},"preferred_output":[{"role":"assistant","content":"a"}]}',
      );
    });

    it('keeps non-ASCII raw, but escapes it on a line that escapes it (ensure_ascii)', () => {
      assert.equal(
        edited('{"messages":[{"role":"user","content":"x"}]}', {
          kind: 'setText',
          path: ['messages', 0, 'content'],
          text: 'café 😀',
        }),
        '{"messages":[{"role":"user","content":"café 😀"}]}',
      );
      assert.equal(
        edited('{"messages": [{"role": "user", "content": "\\u00e9"}, {"role": "assistant", "content": "x"}]}', {
          kind: 'setText',
          path: ['messages', 1, 'content'],
          text: 'café 😀',
        }),
        '{"messages": [{"role": "user", "content": "\\u00e9"}, {"role": "assistant", "content": "caf\\u00e9 \\ud83d\\ude00"}]}',
      );
    });

    it('does not take an escaped backslash followed by u for a \\u escape', () => {
      assert.equal(
        edited('{"messages":[{"role":"user","content":"\\\\u00e9"}]}', {
          kind: 'setText',
          path: ['messages', 0, 'content'],
          text: 'é',
        }),
        '{"messages":[{"role":"user","content":"é"}]}',
      );
    });

    it('always escapes U+2028 and U+2029, which editors may show as line breaks', () => {
      assert.equal(
        edited(compact, { kind: 'setText', path: ['messages', 0, 'content'], text: 'a\u2028b\u2029c' }),
        '{"messages":[{"role":"user","content":"a\\u2028b\\u2029c"},{"role":"assistant","content":"yo","weight":1}]}',
      );
    });

    it('shifts offsets past a BOM', () => {
      const line = '\ufeff{"messages":[{"role":"user","content":"hi"}]}';
      const edit = editOf(line, { kind: 'setText', path: ['messages', 0, 'content'], text: 'yo' });
      assert.deepEqual(edit, { start: 39, end: 43, newText: '"yo"' });
      assert.equal(applyLineEdit(line, edit), '\ufeff{"messages":[{"role":"user","content":"yo"}]}');
    });

    it('edits the last of repeated keys, the one JSON.parse keeps', () => {
      assert.equal(
        edited('{"messages":[{"role":"user","content":"a","content":"b"}]}', {
          kind: 'setText',
          path: ['messages', 0, 'content'],
          text: 'c',
        }),
        '{"messages":[{"role":"user","content":"a","content":"c"}]}',
      );
    });

    it('refuses a path that is missing or not a string', () => {
      assert.equal(
        refusal(compact, { kind: 'setText', path: ['messages', 5, 'content'], text: 'x' }),
        'no value at messages[5]',
      );
      assert.equal(
        refusal(compact, { kind: 'setText', path: ['messages', 0, 'name'], text: 'x' }),
        'no value at messages[0].name',
      );
      assert.equal(
        refusal(compact, { kind: 'setText', path: ['messages', 1, 'weight'], text: 'x' }),
        'messages[1].weight is not a string',
      );
      assert.equal(
        refusal(compact, { kind: 'setText', path: ['messages', 0], text: 'x' }),
        'messages[0] is not a string',
      );
      assert.equal(
        refusal(compact, { kind: 'setText', path: ['messages', 'content'], text: 'x' }),
        'no value at messages.content',
      );
      assert.equal(
        refusal('{"messages":[{"role":"user","name":null}]}', {
          kind: 'setText',
          path: ['messages', 0, 'name'],
          text: 'x',
        }),
        'messages[0].name is not a string',
      );
    });

    it('refuses a line that is not valid JSON', () => {
      const edit: ExampleEdit = { kind: 'setText', path: ['messages', 0, 'content'], text: 'x' };
      assert.equal(refusal('{"messages":[{"role":"user","content":"hi"}]', edit), 'the line is not valid JSON');
      assert.equal(refusal('{"messages":[{"role":"user","content":"hi",}]}', edit), 'the line is not valid JSON');
      assert.equal(refusal('{"messages":[{"role":"user","content":"hi"}]} // c', edit), 'the line is not valid JSON');
      assert.equal(refusal('', edit), 'the line is not valid JSON');
    });
  });

  describe('setRole', () => {
    it('replaces the role value', () => {
      assert.equal(
        edited(spaced, { kind: 'setRole', message: ['messages', 1], role: 'system' }),
        '{"messages": [{"role": "user", "content": "hi"}, {"role": "system", "content": "yo"}]}',
      );
    });

    it('adds a missing role first, spaced like the line', () => {
      assert.equal(
        edited('{"messages": [{"content": "hi"}]}', { kind: 'setRole', message: ['messages', 0], role: 'user' }),
        '{"messages": [{"role": "user", "content": "hi"}]}',
      );
      assert.equal(
        edited('{"messages":[{"content":"hi"}]}', { kind: 'setRole', message: ['messages', 0], role: 'user' }),
        '{"messages":[{"role":"user","content":"hi"}]}',
      );
      assert.equal(
        edited('{"messages": [{}]}', { kind: 'setRole', message: ['messages', 0], role: 'user' }),
        '{"messages": [{"role": "user"}]}',
      );
    });

    it('refuses an empty role, and a message that is not an object', () => {
      assert.equal(refusal(compact, { kind: 'setRole', message: ['messages', 0], role: '' }), 'the role is empty');
      assert.equal(
        refusal('{"messages":["hi"]}', { kind: 'setRole', message: ['messages', 0], role: 'user' }),
        'messages[0] is not an object',
      );
    });
  });

  describe('setWeight', () => {
    it('replaces an existing weight', () => {
      assert.equal(
        edited(compact, { kind: 'setWeight', message: ['messages', 1], weight: 0 }),
        '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo","weight":0}]}',
      );
    });

    it('adds a missing weight last, spaced like the line', () => {
      assert.equal(
        edited(spaced, { kind: 'setWeight', message: ['messages', 1], weight: 1 }),
        '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo", "weight": 1}]}',
      );
    });

    it('removes the weight with its comma', () => {
      assert.equal(
        edited(compact, { kind: 'setWeight', message: ['messages', 1], weight: null }),
        '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}]}',
      );
      assert.equal(
        edited('{"messages":[{"weight": 0, "role":"assistant"}]}', {
          kind: 'setWeight',
          message: ['messages', 0],
          weight: null,
        }),
        '{"messages":[{"role":"assistant"}]}',
      );
    });

    it('removing a weight that is not there changes nothing', () => {
      const edit = editOf(spaced, { kind: 'setWeight', message: ['messages', 0], weight: null });
      assert.equal(edit.newText, '');
      assert.equal(edit.start, edit.end);
      assert.equal(applyLineEdit(spaced, edit), spaced);
    });

    it('refuses to remove one of several weights', () => {
      assert.equal(
        refusal('{"messages":[{"role":"assistant","weight":0,"weight":1}]}', {
          kind: 'setWeight',
          message: ['messages', 0],
          weight: null,
        }),
        'messages[0] has more than one weight',
      );
    });
  });

  describe('insertMessage', () => {
    const insert = (line: string, index: number): string =>
      edited(line, { kind: 'insertMessage', list: ['messages'], index, role: 'user', text: 'new' });

    it('inserts at the start, middle and end, spaced like the line', () => {
      assert.equal(
        insert(spaced, 0),
        '{"messages": [{"role": "user", "content": "new"}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}',
      );
      assert.equal(
        insert(spaced, 1),
        '{"messages": [{"role": "user", "content": "hi"}, {"role": "user", "content": "new"}, {"role": "assistant", "content": "yo"}]}',
      );
      assert.equal(
        insert(spaced, 2),
        '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}, {"role": "user", "content": "new"}]}',
      );
      assert.equal(
        insert(compact, 2),
        '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo","weight":1},{"role":"user","content":"new"}]}',
      );
    });

    it('inserts into an empty list, taking the spacing from elsewhere in the line', () => {
      assert.equal(insert('{"messages":[]}', 0), '{"messages":[{"role":"user","content":"new"}]}');
      assert.equal(insert('{"messages": []}', 0), '{"messages": [{"role": "user", "content": "new"}]}');
      assert.equal(insert('{"a": 1,"messages": []}', 0), '{"a": 1,"messages": [{"role": "user","content": "new"}]}');
    });

    it('is a pure insertion', () => {
      const edit = editOf(compact, { kind: 'insertMessage', list: ['messages'], index: 1, role: 'tool', text: 't' });
      assert.deepEqual(edit, { start: 44, end: 44, newText: '{"role":"tool","content":"t"},' });
    });

    it('refuses an index out of range, an empty role and a list that is not a list', () => {
      const base = { kind: 'insertMessage', list: ['messages'], role: 'user', text: 'x' } as const;
      assert.equal(refusal(compact, { ...base, index: 3 }), 'index 3 is out of range (0–2)');
      assert.equal(refusal(compact, { ...base, index: -1 }), 'index -1 is out of range (0–2)');
      assert.equal(refusal(compact, { ...base, index: 0.5 }), 'index 0.5 is out of range (0–2)');
      assert.equal(refusal(compact, { ...base, index: 0, role: '' }), 'the role is empty');
      assert.equal(refusal(compact, { ...base, index: 0, list: ['messages', 0] }), 'messages[0] is not a list');
      assert.equal(refusal(compact, { ...base, index: 0, list: ['input', 'messages'] }), 'no value at input');
    });
  });

  describe('deleteMessage', () => {
    const remove = (line: string, index: number): string =>
      edited(line, { kind: 'deleteMessage', list: ['messages'], index });

    it('deletes the first, middle or last message with one comma', () => {
      const three = '{"messages": [{"role": "a"}, {"role": "b"}, {"role": "c"}]}';
      assert.equal(remove(three, 0), '{"messages": [{"role": "b"}, {"role": "c"}]}');
      assert.equal(remove(three, 1), '{"messages": [{"role": "a"}, {"role": "c"}]}');
      assert.equal(remove(three, 2), '{"messages": [{"role": "a"}, {"role": "b"}]}');
    });

    it('deletes the only message', () => {
      assert.equal(remove('{"messages":[{"role":"user","content":"hi"}]}', 0), '{"messages":[]}');
    });

    it('refuses an index out of range', () => {
      assert.equal(
        refusal(compact, { kind: 'deleteMessage', list: ['messages'], index: 2 }),
        'index 2 is out of range (0–1)',
      );
      assert.equal(
        refusal('{"messages":[]}', { kind: 'deleteMessage', list: ['messages'], index: 0 }),
        'index 0 is out of range (the list is empty)',
      );
    });
  });

  describe('moveMessage', () => {
    const four = '{"messages": [{"role":"a"},  {"role": "b"},{"role":"c"} , {"role":"d"}]}';
    const move = (from: number, to: number): string =>
      edited(four, { kind: 'moveMessage', list: ['messages'], from, to });

    it('moves down and up, each element keeping its text and each gap its place', () => {
      assert.equal(move(0, 2), '{"messages": [{"role": "b"},  {"role":"c"},{"role":"a"} , {"role":"d"}]}');
      assert.equal(move(3, 1), '{"messages": [{"role":"a"},  {"role":"d"},{"role": "b"} , {"role":"c"}]}');
      assert.equal(move(1, 2), '{"messages": [{"role":"a"},  {"role":"c"},{"role": "b"} , {"role":"d"}]}');
    });

    it('replaces only the span between the two positions', () => {
      assert.deepEqual(editOf(four, { kind: 'moveMessage', list: ['messages'], from: 2, to: 1 }), {
        start: 29,
        end: 55,
        newText: '{"role":"c"},{"role": "b"}',
      });
    });

    it('moving to the same place changes nothing', () => {
      assert.equal(move(2, 2), four);
    });

    it('refuses indexes out of range', () => {
      assert.equal(
        refusal(four, { kind: 'moveMessage', list: ['messages'], from: 4, to: 0 }),
        'index 4 is out of range (0–3)',
      );
      assert.equal(
        refusal(four, { kind: 'moveMessage', list: ['messages'], from: 0, to: 4 }),
        'index 4 is out of range (0–3)',
      );
    });
  });
});

// ---- properties over random chat lines, random spacing and random edits ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Path = readonly (string | number)[];

interface Style {
  readonly colon: string;
  readonly comma: string;
  readonly ascii: boolean;
  readonly bom: boolean;
}

/** Serializes like json.dumps / JSON.stringify with the given separators, optionally escaping non-ASCII. */
function serialize(value: Json, style: Style): string {
  if (typeof value === 'string') {
    const json = JSON.stringify(value);
    return style.ascii
      ? json.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
      : json;
  }
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v, style)).join(style.comma)}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${serialize(k, style)}${style.colon}${serialize(v, style)}`)
      .join(style.comma)}}`;
  return JSON.stringify(value);
}

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({
    unit: fc.constantFrom('a', ' ', '"', '\\', '\n', '\r', '\t', '\u2028', 'é', '😀', '\u0000', '/', '\ud800'),
    maxLength: 8,
  }),
);

/** An object whose keys come in a random order. */
const shuffled = (entries: [string, Json][]): fc.Arbitrary<JsonObject> =>
  fc
    .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
    .map((ordered) => Object.fromEntries(ordered));

const message: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      role: fc.constantFrom('system', 'user', 'assistant', 'tool'),
      content: fc.oneof(
        text,
        fc.constant(null),
        fc.array(
          text.map((t): Json => ({ type: 'text', text: t })),
          { maxLength: 3 },
        ),
      ),
      weight: fc.constantFrom(0, 1),
      name: text,
    },
    { requiredKeys: ['content'] },
  )
  .chain((record) => shuffled(Object.entries(record) as [string, Json][]));

const messages = fc.array(message, { maxLength: 4 });

const example: fc.Arbitrary<JsonObject> = fc.oneof(
  fc
    .record({ messages, tools: fc.constant<Json>([]) }, { requiredKeys: ['messages'] })
    .chain((r) => shuffled(Object.entries(r) as [string, Json][])),
  fc
    .record({
      input: messages.map((m): Json => ({ messages: m })),
      preferred_output: messages,
      non_preferred_output: messages,
    })
    .chain((r) => shuffled(Object.entries(r) as [string, Json][])),
);

const style: fc.Arbitrary<Style> = fc.record({
  colon: fc.constantFrom(':', ': ', ' : '),
  comma: fc.constantFrom(',', ', '),
  ascii: fc.boolean(),
  bom: fc.boolean(),
});

function at(root: Json, path: Path): Json {
  let node: Json = root;
  for (const segment of path) node = (node as Record<string | number, Json>)[segment] as Json;
  return node;
}

function listPaths(value: JsonObject): Path[] {
  if ('messages' in value) return [['messages']];
  return [['input', 'messages'], ['preferred_output'], ['non_preferred_output']];
}

/** Every string (or null content) the view could edit as text. */
function textPaths(value: JsonObject): Path[] {
  const paths: Path[] = [];
  for (const list of listPaths(value)) {
    (at(value, list) as JsonObject[]).forEach((m, i) => {
      const content = m.content;
      if (typeof content === 'string' || content === null) paths.push([...list, i, 'content']);
      if (Array.isArray(content)) content.forEach((_, j) => paths.push([...list, i, 'content', j, 'text']));
      if (typeof m.role === 'string') paths.push([...list, i, 'role']);
    });
  }
  return paths;
}

function editFor(value: JsonObject): fc.Arbitrary<ExampleEdit> {
  const lists = listPaths(value);
  const messagePaths = lists.flatMap((list) => (at(value, list) as Json[]).map((_, i): Path => [...list, i]));
  const choices: fc.Arbitrary<ExampleEdit>[] = [
    fc.constantFrom(...lists).chain((list) => {
      const length = (at(value, list) as Json[]).length;
      return fc
        .record({ index: fc.nat(length), role: fc.constantFrom('user', 'assistant', 'x"y'), text })
        .map((r): ExampleEdit => ({ kind: 'insertMessage', list, ...r }));
    }),
  ];
  const texts = textPaths(value);
  if (texts.length > 0)
    choices.push(
      fc.record({ path: fc.constantFrom(...texts), text }).map((r): ExampleEdit => ({ kind: 'setText', ...r })),
    );
  if (messagePaths.length > 0) {
    choices.push(
      fc
        .record({ message: fc.constantFrom(...messagePaths), role: fc.constantFrom('user', 'assistant', 'é') })
        .map((r): ExampleEdit => ({ kind: 'setRole', ...r })),
      fc
        .record({ message: fc.constantFrom(...messagePaths), weight: fc.constantFrom(0 as const, 1 as const, null) })
        .map((r): ExampleEdit => ({ kind: 'setWeight', ...r })),
    );
    const nonEmpty = lists.filter((list) => (at(value, list) as Json[]).length > 0);
    choices.push(
      fc.constantFrom(...nonEmpty).chain((list) => {
        const length = (at(value, list) as Json[]).length;
        return fc.oneof(
          fc.nat(length - 1).map((index): ExampleEdit => ({ kind: 'deleteMessage', list, index })),
          fc
            .record({ from: fc.nat(length - 1), to: fc.nat(length - 1) })
            .map((r): ExampleEdit => ({ kind: 'moveMessage', list, ...r })),
        );
      }),
    );
  }
  return fc.oneof(...choices);
}

/** The edit at the level of values, keeping key order the way the line edit does. */
function expectedValue(value: JsonObject, edit: ExampleEdit): JsonObject {
  const copy = structuredClone(value);
  switch (edit.kind) {
    case 'setText': {
      const parent = at(copy, edit.path.slice(0, -1)) as Record<string | number, Json>;
      parent[edit.path[edit.path.length - 1] as string | number] = edit.text;
      return copy;
    }
    case 'setRole':
    case 'setWeight': {
      const list = at(copy, edit.message.slice(0, -1)) as JsonObject[];
      const index = edit.message[edit.message.length - 1] as number;
      const old = list[index] as JsonObject;
      if (edit.kind === 'setRole')
        list[index] = 'role' in old ? { ...old, role: edit.role } : { role: edit.role, ...old };
      else if (edit.weight === null) delete old.weight;
      else old.weight = edit.weight;
      return copy;
    }
    case 'insertMessage':
      (at(copy, [...edit.list]) as Json[]).splice(edit.index, 0, { role: edit.role, content: edit.text });
      return copy;
    case 'deleteMessage':
      (at(copy, [...edit.list]) as Json[]).splice(edit.index, 1);
      return copy;
    case 'moveMessage': {
      const list = at(copy, [...edit.list]) as Json[];
      const [moved] = list.splice(edit.from, 1);
      list.splice(edit.to, 0, moved as Json);
      return copy;
    }
  }
}

const hasNonAscii = (value: Json): boolean => /[^\x00-\x7f]/.test(JSON.stringify(value));
const separators = (line: string): number => line.match(/[\u2028\u2029]/g)?.length ?? 0;
const withoutBom = (line: string): string => (line.startsWith('\ufeff') ? line.slice(1) : line);

describe('exampleLineEdit properties', () => {
  const cases = fc
    .record({ value: example, style })
    .chain(({ value, style }) =>
      fc.record({ value: fc.constant(value), style: fc.constant(style), edit: editFor(value) }),
    );

  it('gives one replacement that makes exactly the edit, keeps everything else and stays one line', () => {
    fc.assert(
      fc.property(cases, ({ value, style, edit }) => {
        const line = (style.bom ? '\ufeff' : '') + serialize(value, style);
        const replacement = editOf(line, edit);
        const { start, end, newText } = replacement;
        assert.ok(0 <= start && start <= end && end <= line.length, 'range inside the line');
        const out = applyLineEdit(line, replacement);
        // Everything outside [start, end) is unchanged, the BOM included.
        assert.equal(out.slice(0, start), line.slice(0, start));
        assert.equal(out.slice(start + newText.length), line.slice(end));
        // No raw line break, nor a character an editor may take for one, is introduced (moved elements keep theirs).
        assert.doesNotMatch(out, /[\n\r]/);
        assert.ok(separators(out) <= separators(line), 'no new U+2028 or U+2029');
        // The result parses to the edited value, with every object's keys in the same order.
        assert.equal(JSON.stringify(JSON.parse(withoutBom(out))), JSON.stringify(expectedValue(value, edit)));
        // A line that escapes non-ASCII keeps doing so.
        if (style.ascii && hasNonAscii(value)) assert.doesNotMatch(withoutBom(out), /[^\x00-\x7f]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('setText replaces exactly the old string token', () => {
    fc.assert(
      fc.property(
        cases.filter(({ edit }) => edit.kind === 'setText'),
        ({ value, style, edit }) => {
          if (edit.kind !== 'setText') return;
          const line = (style.bom ? '\ufeff' : '') + serialize(value, style);
          const { start, end, newText } = editOf(line, edit);
          const shift = style.bom ? 1 : 0;
          const token = findNodeAtLocation(parseTree(withoutBom(line)) as NonNullable<ReturnType<typeof parseTree>>, [
            ...edit.path,
          ]);
          assert.deepEqual([start - shift, end - shift], [token?.offset, (token?.offset ?? 0) + (token?.length ?? 0)]);
          assert.equal(JSON.parse(newText), edit.text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('moveMessage leaves every element its exact text and every gap its place', () => {
    fc.assert(
      fc.property(
        cases.filter(({ edit }) => edit.kind === 'moveMessage'),
        fc.constantFrom('', ' ', '  '),
        ({ value, style, edit }, pad) => {
          if (edit.kind !== 'moveMessage') return;
          // Irregular gaps inside the list, so a gap moved with its element would show.
          const line = serialize(value, style).replace(/\},\s*\{/g, (gap) => `}${pad},${gap.length % 2 ? ' ' : ''}{`);
          const out = edited(line, edit);
          const listIn = findNodeAtLocation(parseTree(line) as NonNullable<ReturnType<typeof parseTree>>, [
            ...edit.list,
          ]);
          const listOut = findNodeAtLocation(parseTree(out) as NonNullable<ReturnType<typeof parseTree>>, [
            ...edit.list,
          ]);
          const texts = (source: string, list: typeof listIn) =>
            (list?.children ?? []).map((n) => source.slice(n.offset, n.offset + n.length));
          const gaps = (source: string, list: typeof listIn) =>
            (list?.children ?? []).slice(1).map((n, i) => {
              const previous = list?.children?.[i];
              return source.slice((previous?.offset ?? 0) + (previous?.length ?? 0), n.offset);
            });
          const expected = texts(line, listIn);
          const [moved] = expected.splice(edit.from, 1);
          expected.splice(edit.to, 0, moved as string);
          assert.deepEqual(texts(out, listOut), expected);
          assert.deepEqual(gaps(out, listOut), gaps(line, listIn));
        },
      ),
      { numRuns: 500 },
    );
  });
});
