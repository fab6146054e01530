import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileFilter, type ExampleFilter, type FilterInput } from '../../../src/core/conversations/exampleFilter';
import { FilteredLines, type FilterFacts, type LineReader } from '../../../src/core/conversations/filteredLines';

type OkFilter = ReturnType<typeof compileFilter> & { ok: true };

function compiled(filter: ExampleFilter): OkFilter {
  const result = compileFilter(filter);
  assert.ok(result.ok);
  return result;
}

/** A reader over an array of lines; `calls` records each read as [start, count]. */
function arrayReader(lines: readonly string[], mode: 'sync' | 'async' = 'sync') {
  const calls: [number, number][] = [];
  const reader = {
    calls,
    lineCount: lines.length,
    readLines(start: number, count: number): Promise<readonly string[]> | readonly string[] {
      calls.push([start, count]);
      const slice = lines.slice(start, start + count);
      return mode === 'sync' ? slice : Promise.resolve(slice);
    },
  } satisfies LineReader & { calls: unknown };
  return reader;
}

const NO_PROBLEMS: FilterInput['problems'] = [];
const WARNING: FilterInput['problems'] = [{ code: 'ft.x', severity: 'warning' }];

/** Facts where lines in `problemLines` have one problem; tokens = line % 10. */
function factsOf(problemLines: readonly number[], withIndex: boolean): FilterFacts {
  const set = new Set(problemLines);
  return {
    problemsOf: (line) => (set.has(line) ? WARNING : NO_PROBLEMS),
    tokensOf: (line) => line % 10,
    ...(withIndex ? { problemLines: [...problemLines].sort((a, b) => a - b) } : {}),
  };
}

const example = (text: string): string => JSON.stringify({ messages: [{ role: 'user', content: text }] });
const docOf = (count: number): string[] => Array.from({ length: count }, (_, line) => example(`example ${line}`));

/** Every position of a mapping, as lines. */
const linesOf = (filtered: FilteredLines): (number | undefined)[] =>
  Array.from({ length: filtered.matches }, (_, position) => filtered.lineAt(position));

describe('FilteredLines', () => {
  it('maps positions to lines one to one without a filter', () => {
    const all = FilteredLines.all(5);
    assert.equal(all.matches, 5);
    assert.deepEqual(linesOf(all), [0, 1, 2, 3, 4]);
    assert.equal(all.lineAt(5), undefined);
    assert.equal(all.lineAt(-1), undefined);
    assert.equal(all.lineAt(1.5), undefined);
    assert.equal(all.positionAtOrAfter(3), 3);
    assert.equal(all.positionAtOrAfter(-2), 0);
    assert.equal(all.positionAtOrAfter(5), undefined);
    assert.equal(FilteredLines.all(0).positionAtOrAfter(0), undefined);
  });

  it('reads nothing when the filter is empty', async () => {
    const reader: LineReader = {
      lineCount: 7,
      readLines: () => assert.fail('an empty filter must not read lines'),
    };
    const filtered = await FilteredLines.scan(reader, compiled({}), factsOf([], false), {});
    assert.equal(filtered.matches, 7);
    assert.deepEqual(linesOf(filtered), [0, 1, 2, 3, 4, 5, 6]);
  });

  for (const mode of ['sync', 'async'] as const) {
    it(`keeps exactly the matching lines, in order (${mode} reader)`, async () => {
      const reader = arrayReader(docOf(1000), mode);
      const filtered = await FilteredLines.scan(reader, compiled({ minTokens: 7 }), factsOf([], false), {});
      assert.equal(filtered.matches, 300);
      assert.deepEqual(linesOf(filtered).slice(0, 5), [7, 8, 9, 17, 18]);
      assert.equal(filtered.lineAt(299), 999);
      assert.equal(filtered.lineAt(300), undefined);
      assert.equal(filtered.positionAtOrAfter(0), 0);
      assert.equal(filtered.positionAtOrAfter(7), 0);
      assert.equal(filtered.positionAtOrAfter(8), 1);
      assert.equal(filtered.positionAtOrAfter(10), 3);
      assert.equal(filtered.positionAtOrAfter(999), 299);
      assert.equal(filtered.positionAtOrAfter(1000), undefined);
      // Every line was read once, in order.
      assert.equal(
        reader.calls.reduce((sum, [, count]) => sum + count, 0),
        1000,
      );
      assert.deepEqual(
        reader.calls.map(([start]) => start),
        reader.calls.map((_, i) => reader.calls.slice(0, i).reduce((sum, [, count]) => sum + count, 0)),
      );
    });
  }

  it('searches the text of each line and skips blank lines', async () => {
    const lines = [example('alpha'), '', example('beta'), '   ', example('Alphabet'), '{"broken', example('gamma')];
    const reader = arrayReader(lines);
    const search = await FilteredLines.scan(reader, compiled({ text: 'alpha' }), factsOf([], false), {});
    assert.deepEqual(linesOf(search), [0, 4]);
    // Blank lines have a problem of their own (ft.blank-line), as the line with broken JSON has.
    const clean = await FilteredLines.scan(reader, compiled({ problems: 'none' }), factsOf([1, 3, 5], false), {});
    assert.deepEqual(linesOf(clean), [0, 2, 4, 6]);
  });

  it('treats lines a reader did not return as blank', async () => {
    const reader: LineReader = { lineCount: 4, readLines: () => [example('a'), example('b')] };
    const filtered = await FilteredLines.scan(reader, compiled({ role: 'user' }), factsOf([], false), {});
    assert.deepEqual(linesOf(filtered), [0, 1]);
  });

  it('rejects with the reason when aborted before it starts', async () => {
    const controller = new AbortController();
    const reason = new Error('filter replaced');
    controller.abort(reason);
    const reader = arrayReader(docOf(10));
    await assert.rejects(
      FilteredLines.scan(reader, compiled({ minTokens: 1 }), factsOf([], false), { signal: controller.signal }),
      (error) => error === reason,
    );
    assert.deepEqual(reader.calls, []);
  });

  it('rejects with the reason when aborted while reading, and reads no further', async () => {
    const controller = new AbortController();
    const reason = new Error('document closed');
    const inner = arrayReader(docOf(5000), 'async');
    let reads = 0;
    const reader: LineReader = {
      lineCount: inner.lineCount,
      readLines(start, count) {
        if (++reads === 2) controller.abort(reason);
        return inner.readLines(start, count);
      },
    };
    await assert.rejects(
      FilteredLines.scan(reader, compiled({ minTokens: 1 }), factsOf([], false), { signal: controller.signal }),
      (error) => error === reason,
    );
    assert.equal(reads, 2);
  });

  it('reports progress after each slice and yields to the event loop between slices', async () => {
    const inner = arrayReader(docOf(600));
    const ends: number[] = [];
    // Each read takes longer than a slice, so every read ends one.
    const reader: LineReader = {
      lineCount: inner.lineCount,
      readLines(start, count) {
        const until = performance.now() + 12;
        while (performance.now() < until);
        ends.push(start + count);
        return inner.readLines(start, count);
      },
    };
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    const progress: number[] = [];
    const seenByImmediate: boolean[] = [];
    const filtered = await FilteredLines.scan(reader, compiled({ minTokens: 5 }), factsOf([], false), {
      onProgress(matches) {
        progress.push(matches);
        seenByImmediate.push(immediateRan);
      },
    });
    assert.equal(filtered.matches, 300);
    // The lines kept among those read so far (lines 5-9 of every ten), then the final count once more.
    const keptBefore = (end: number): number =>
      Array.from({ length: end }, (_, line) => line).filter((line) => line % 10 >= 5).length;
    assert.ok(ends.length >= 2);
    assert.deepEqual(progress, [...ends.map(keptBefore), 300]);
    // The first slice ran before the event loop turned; the second after.
    assert.equal(seenByImmediate[0], false);
    assert.equal(seenByImmediate[1], true);
  });
});

describe('FilteredLines.nextWithProblem', () => {
  const PROBLEMS = [2, 5, 6, 9];

  for (const withIndex of [false, true]) {
    const label = withIndex ? 'with the problem-line index' : 'line by line';

    it(`steps through the problems of the identity mapping, both ways (${label})`, () => {
      const all = FilteredLines.all(10);
      const facts = factsOf(PROBLEMS, withIndex);
      const forward: number[] = [];
      for (let at = all.nextWithProblem(-1, 1, facts); at !== undefined; at = all.nextWithProblem(at, 1, facts))
        forward.push(at);
      assert.deepEqual(forward, [2, 5, 6, 9]);
      const backward: number[] = [];
      for (let at = all.nextWithProblem(10, -1, facts); at !== undefined; at = all.nextWithProblem(at, -1, facts))
        backward.push(at);
      assert.deepEqual(backward, [9, 6, 5, 2]);
      assert.equal(all.nextWithProblem(2, 1, facts), 5);
      assert.equal(all.nextWithProblem(3, -1, facts), 2);
      assert.equal(all.nextWithProblem(9, 1, facts), undefined);
      assert.equal(all.nextWithProblem(2, -1, facts), undefined);
      assert.equal(FilteredLines.all(6).nextWithProblem(5, 1, facts), undefined);
      assert.equal(FilteredLines.all(6).nextWithProblem(6, -1, facts), 5);
      assert.equal(FilteredLines.all(0).nextWithProblem(-1, 1, facts), undefined);
    });

    it(`steps through the problems of a filtered mapping, both ways (${label})`, async () => {
      // Lines with tokens (line % 10) of at least 5: 5-9, 15-19, 25-29.
      const filtered = await FilteredLines.scan(
        arrayReader(docOf(30)),
        compiled({ minTokens: 5 }),
        factsOf([], false),
        {},
      );
      assert.equal(filtered.matches, 15);
      const facts = factsOf([0, 2, 6, 9, 12, 14, 20, 27], withIndex);
      // Lines 6, 9 and 27 are both kept and have problems: positions 1, 4 and 12.
      const forward: number[] = [];
      for (
        let at = filtered.nextWithProblem(-1, 1, facts);
        at !== undefined;
        at = filtered.nextWithProblem(at, 1, facts)
      )
        forward.push(at);
      assert.deepEqual(forward, [1, 4, 12]);
      const backward: number[] = [];
      for (
        let at = filtered.nextWithProblem(filtered.matches, -1, facts);
        at !== undefined;
        at = filtered.nextWithProblem(at, -1, facts)
      )
        backward.push(at);
      assert.deepEqual(backward, [12, 4, 1]);
      assert.equal(filtered.nextWithProblem(4, 1, facts), 12);
      assert.equal(filtered.nextWithProblem(11, -1, facts), 4);
      assert.equal(filtered.nextWithProblem(12, 1, facts), undefined);
      assert.equal(filtered.nextWithProblem(1, -1, facts), undefined);
    });
  }

  it('does not look at each line when the problem-line index is given', () => {
    const all = FilteredLines.all(100_000);
    const facts: FilterFacts = {
      problemsOf: () => assert.fail('the index must be searched instead'),
      tokensOf: () => undefined,
      problemLines: [17, 99_998],
    };
    assert.equal(all.nextWithProblem(17, 1, facts), 99_998);
    assert.equal(all.nextWithProblem(99_998, -1, facts), 17);
  });

  it('finds the same positions with and without the index, for any lines and problems', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 0, max: 60 })
          .chain((lineCount) =>
            fc.tuple(
              fc.constant(lineCount),
              fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, lineCount - 1) }), { maxLength: lineCount }),
              fc.uniqueArray(fc.integer({ min: 0, max: Math.max(0, lineCount - 1) }), { maxLength: lineCount }),
              fc.boolean(),
            ),
          ),
        async ([lineCount, kept, problems, identity]) => {
          const keptSet = new Set(kept);
          const scanFacts: FilterFacts = { problemsOf: () => [], tokensOf: (line) => (keptSet.has(line) ? 1 : 0) };
          const filtered = identity
            ? FilteredLines.all(lineCount)
            : await FilteredLines.scan(arrayReader(docOf(lineCount)), compiled({ minTokens: 1 }), scanFacts, {});
          const plain = factsOf(problems, false);
          const indexed = factsOf(problems, true);
          for (let from = -1; from <= filtered.matches; from++) {
            for (const direction of [1, -1] as const) {
              const expected = filtered.nextWithProblem(from, direction, plain);
              assert.equal(filtered.nextWithProblem(from, direction, indexed), expected);
              // The answer has a problem, and no position strictly between has one.
              if (expected !== undefined) assert.ok(problems.includes(filtered.lineAt(expected) ?? -1));
              const end = expected ?? (direction === 1 ? filtered.matches : -1);
              for (
                let between = from + direction;
                between >= 0 && between < filtered.matches && between !== end;
                between += direction
              )
                assert.ok(!problems.includes(filtered.lineAt(between) ?? -1));
            }
          }
        },
      ),
    );
  });
});
