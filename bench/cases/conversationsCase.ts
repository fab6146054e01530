import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatExampleLine } from '../generate/chatExample';
import { ConversationsProbeClient } from '../lib/conversationsProbe';
import { DATA_DIR } from '../lib/dataFiles';
import type { ScrollRun } from '../lib/conversationsProbeApi';
import { BenchRandom } from '../lib/random';
import { millis, seconds, times, type CaseRow } from '../lib/results';
import { percentile } from '../lib/timing';
import { activeWebviewFrame, openWorkbench, waitForCommand } from '../lib/workbenchSession';
import { activeWebview, openFromExplorerMenu } from '../../test/e2e/workbench';
import { openInTextEditor } from '../lib/explorerOpen';
import { firstScreenBreakdown } from '../lib/firstScreenMarks';
import type { BenchContext } from './context';

const EXAMPLES = 100_000;
const SEED = 12_100;
const FILE = 'conversations-100k.jsonl';
/**
 * The command opens a copy of the file per run: a document the extension loads stays in memory for minutes after its
 * editors close, and a second open of the same file would then skip the step being measured (see openOnce).
 */
const viewCopy = (run: number) => `conversations-100k-${run + 1}.jsonl`;
/**
 * Examples keep their first messages and texts are cut, so 100,000 examples stay well under the 50 MB an editable
 * document may have.
 */
const MESSAGES = 3;
const TEXT_CHARACTERS = 90;
/** The example the edit round trip changes (zero-based). */
const EDITED_LINE = 10;
const OPEN_RUNS = 3;
const EDIT_RUNS = 8;
/** Wheel events of the fast scroll, and frames of the scroll-bar drag (a jump of 1/50 of the list per frame). */
const WHEEL_EVENTS = 150;
const WHEEL_DELTA = 4_000;
const DRAG_FRAMES = 150;
const UI_TIMEOUT = 60_000;
const COMMAND = 'Fine-Tune: Open as Conversations';
/** The command's title in menus (no category there). */
const COMMAND_TITLE = 'Open as Conversations';

/** A support chat with its texts cut short; the generator's deliberate mistakes (broken lines…) are kept. */
function shortExample(index: number, random: BenchRandom): string {
  const line = chatExampleLine(index, random);
  let value: { messages?: { content?: unknown }[] };
  try {
    value = JSON.parse(line) as typeof value;
  } catch {
    return line.slice(0, 300);
  }
  if (value.messages) value.messages = value.messages.slice(0, MESSAGES);
  for (const message of value.messages ?? [])
    if (typeof message.content === 'string') message.content = message.content.slice(0, TEXT_CHARACTERS);
  return JSON.stringify(value);
}

/** The file and its copies: 100,000 short chats; the edited line is a clean chat whose answer's role the edits flip. */
function writeExamples(folder: string): number {
  const random = new BenchRandom(SEED);
  const lines = Array.from({ length: EXAMPLES }, (_, index) => shortExample(index, random));
  lines[EDITED_LINE] = JSON.stringify({
    messages: [
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: 'Where is my order TK-1?' },
      { role: 'assistant', content: 'It ships today.' },
    ],
  });
  const text = `${lines.join('\n')}\n`;
  for (const name of [FILE, ...Array.from({ length: OPEN_RUNS }, (_, run) => viewCopy(run))])
    writeFileSync(join(folder, name), text);
  return Buffer.byteLength(text);
}

/** Where a first screen's time went, in ms after the Enter (from the view's own clock and marks). */
interface FirstScreen {
  readonly ms: number;
  readonly breakdown: string;
}

/** The baseline: the same file in VS Code's own text editor (most of either time is VS Code loading 35 MB). */
function openTextOnce(page: Page): Promise<number> {
  return openInTextEditor(page, FILE, 'messages');
}

/**
 * Command → the first example card painted with its content (not a placeholder): the browser's own paint time of the
 * card (Element Timing), or when the driver saw it where the browser gives none. The file's document is not loaded
 * yet, so the first screen is the view read from disk; the editable view takes its place once VS Code has loaded the
 * document (its cards have role pickers): that moment is reported too, and waited for, since the later steps edit.
 */
async function openOnce(page: Page, run: number): Promise<FirstScreen> {
  const started = await openFromExplorerMenu(page, viewCopy(run), COMMAND_TITLE);
  await activeWebview(page).locator('.card:not(.placeholder)').first().waitFor({ timeout: UI_TIMEOUT });
  const seen = Date.now() - started;
  const { breakdown, paintedMs } = await firstScreenBreakdown(page, 'conversations', started, seen);
  await activeWebview(page).locator('.card select.role-picker').first().waitFor({ timeout: UI_TIMEOUT });
  return { ms: paintedMs ?? seen, breakdown: `${breakdown}; editable ${millis(Date.now() - started)}` };
}

/**
 * With the file shown in VS Code's text editor (its document loaded): the editor title's "Open as Conversations"
 * button → the first example card painted. The flow of a user reading the file who switches to the view.
 */
async function openFromEditorTitle(page: Page): Promise<FirstScreen> {
  const button = page.locator(`.editor-actions .action-label[aria-label*="${COMMAND_TITLE}"]`).first();
  await button.waitFor({ timeout: UI_TIMEOUT });
  await button.hover();
  const started = Date.now();
  await button.click();
  await activeWebview(page).locator('.card:not(.placeholder)').first().waitFor({ timeout: UI_TIMEOUT });
  const seen = Date.now() - started;
  const { breakdown, paintedMs } = await firstScreenBreakdown(page, 'conversations', started, seen);
  return { ms: paintedMs ?? seen, breakdown };
}

/** Scrolls the view with the wheel as fast as events can be sent, then drags its scroll bar, watched by the probe. */
async function scrollFast(page: Page, probe: ConversationsProbeClient): Promise<ScrollRun> {
  await probe.armScroll();
  await activeWebview(page).locator('.list-scroller').hover();
  for (let i = 0; i < WHEEL_EVENTS; i++) await page.mouse.wheel(0, WHEEL_DELTA);
  await probe.drag(DRAG_FRAMES);
  return probe.scrollResult();
}

/**
 * One edit from the view: the role picker of the edited example's answer changes, and the clock runs (inside the
 * view) from the change event until the card shows the example's new problems — the edit went to the document, the
 * diagnostics ran and came back to the view.
 */
async function editOnce(page: Page, probe: ConversationsProbeClient, role: 'user' | 'assistant'): Promise<number> {
  // The example's only answer turned into a user turn leaves it without an assistant message.
  await probe.armEdit(EDITED_LINE, 'ft.missing-assistant', role === 'user');
  await activeWebview(page).locator(`.card[data-line="${EDITED_LINE}"] select.role-picker`).last().selectOption(role);
  return probe.editResult(UI_TIMEOUT);
}

/**
 * Case 9: the Conversations view on a 100,000-example chat file in the real VS Code in Chromium: command → first
 * screen, the longest task of the view while it scrolls at full speed, and an edit's round trip from the view through
 * the document and its diagnostics back into the view.
 */
export async function conversationsCase(context: BenchContext): Promise<CaseRow[]> {
  let bytes = 0;
  // VS Code asks before showing a file over 10 MB in a text editor (the web default); the baseline opens it.
  const settings = { 'fineTuneStudio.playground.codeLens': false, 'workbench.editorLargeFileConfirmation': 1024 };
  const session = await openWorkbench(settings, (workspace) => {
    bytes = writeExamples(workspace);
  });
  context.note(`  ${EXAMPLES.toLocaleString('en-US')} examples, ${(bytes / 1024 / 1024).toFixed(1)} MB`);
  const opens: FirstScreen[] = [];
  const editorOpens: FirstScreen[] = [];
  const textOpens: number[] = [];
  const edits: number[] = [];
  let scroll: ScrollRun | undefined;
  try {
    const { page } = session;
    await waitForCommand(page, COMMAND);
    // Interleaved, so both see the same machine.
    for (let run = 0; run < OPEN_RUNS; run++) {
      textOpens.push(await openTextOnce(page));
      editorOpens.push(await openFromEditorTitle(page));
      opens.push(await openOnce(page, run));
    }
    const probe = await ConversationsProbeClient.install(await activeWebviewFrame(page));
    scroll = await scrollFast(page, probe);
    const goTo = activeWebview(page).getByLabel('Go to line (Enter)');
    await goTo.fill(String(EDITED_LINE + 1));
    await goTo.press('Enter');
    await activeWebview(page).locator(`.card[data-line="${EDITED_LINE}"]`).waitFor({ timeout: UI_TIMEOUT });
    for (let run = 0; run < EDIT_RUNS; run++)
      edits.push(await editOnce(page, probe, run % 2 === 0 ? 'user' : 'assistant'));
  } catch (error) {
    await session.page.screenshot({ path: join(DATA_DIR, 'conversations-case-failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await session.close();
  }
  if (scroll === undefined) throw new Error('The view was not scrolled.');
  context.note(`  text editor, click → first line: ${textOpens.map(millis).join(', ')}`);
  for (const open of opens) context.note(`  command → first screen: ${open.breakdown}`);
  for (const open of editorOpens) context.note(`  from the text editor's title → first screen: ${open.breakdown}`);
  const editorMs = editorOpens.map((open) => open.ms);
  const openMs = opens.map((open) => open.ms);
  context.note(
    `  fast scroll: ${scroll.tasks} long tasks, longest ${millis(scroll.longestOwnMs)} own / ${millis(scroll.longestAnyMs)} any; ` +
      `content on screen in ${scroll.framesWithContent} of ${scroll.frames} frames; ${scroll.distinctLines} distinct examples drawn`,
  );
  context.note(`  edit round trips: ${edits.map(millis).join(', ')}`);
  const editMedian = percentile(edits, 50);
  return [
    {
      id: '9-open',
      name: 'Conversations view: command → first screen (100k examples)',
      baseline: `${seconds(Math.min(...textOpens))} (text editor)`,
      ours: seconds(Math.min(...openMs)),
      ratio: times(Math.min(...openMs) / Math.min(...textOpens)),
      measured: Math.min(...openMs),
      target: { label: '≤ 1 s', value: 1_000, atMost: true },
      details: { opens: openMs, textOpens, bytes },
    },
    {
      id: '9-open-editor',
      name: 'Conversations view: from the open text editor → first screen',
      baseline: '—',
      ours: seconds(Math.min(...editorMs)),
      ratio: '',
      measured: Math.min(...editorMs),
      target: { label: '≤ 1 s', value: 1_000, atMost: true },
      details: { opens: editorMs },
    },
    {
      id: '9-scroll',
      name: 'Conversations view: longest task while scrolling at full speed',
      baseline: '—',
      ours: scroll.longestOwnMs === 0 ? 'none ≥ 50 ms' : millis(scroll.longestOwnMs),
      ratio: '',
      measured: scroll.longestOwnMs,
      target: { label: '≤ 50 ms', value: 50, atMost: true },
      details: { ...scroll },
    },
    {
      id: '9-edit',
      name: 'Conversations view: edit round trip (view → document → diagnostics → view), median',
      baseline: '—',
      ours: millis(editMedian),
      ratio: '',
      measured: editMedian,
      target: { label: '≤ 50 ms', value: 50, atMost: true },
      details: { edits },
    },
  ];
}
