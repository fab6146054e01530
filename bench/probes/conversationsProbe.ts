// Runs inside the Conversations view's webview frame (bundled by the bench and evaluated there): watches the page
// from outside, without touching the view's code — long tasks, what each animation frame shows, and when an edit's
// problems come back into a card.
import { CONVERSATIONS_PROBE, type ConversationsProbe, type ScrollRun } from '../lib/conversationsProbeApi';

interface TaskEntry extends PerformanceEntry {
  readonly attribution?: readonly { readonly name?: string }[];
}

const tasks: { ms: number; own: boolean }[] = [];
const lines = new Set<string>();
let frames = 0;
let framesWithContent = 0;
let edit: Promise<number> | undefined;

function watchFrames(): void {
  frames++;
  const cards = document.querySelectorAll('.card:not(.placeholder)');
  if (cards.length > 0) framesWithContent++;
  for (const card of cards) lines.add(card.getAttribute('data-line') ?? '');
  requestAnimationFrame(watchFrames);
}

const longest = (list: readonly { ms: number }[]): number => Math.max(0, ...list.map((task) => task.ms));

const probe: ConversationsProbe = {
  armScroll() {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as TaskEntry[])
        tasks.push({ ms: entry.duration, own: (entry.attribution ?? []).some((a) => a.name === 'self') });
    }).observe({ type: 'longtask', buffered: false });
    requestAnimationFrame(watchFrames);
  },

  drag(count) {
    return new Promise((resolve) => {
      const scroller = document.querySelector('.list-scroller');
      if (!scroller) throw new Error('The view has no .list-scroller.');
      let left = count;
      const step = () => {
        const range = Math.max(1, scroller.scrollHeight - scroller.clientHeight);
        scroller.scrollTop = (scroller.scrollTop + range / 50) % range;
        if (--left > 0) requestAnimationFrame(step);
        // The last jump's rows arrive from the host after it: let them land inside the watched time.
        else setTimeout(resolve, 500);
      };
      requestAnimationFrame(step);
    });
  },

  scrollResult(): ScrollRun {
    return {
      longestOwnMs: longest(tasks.filter((task) => task.own)),
      longestAnyMs: longest(tasks),
      tasks: tasks.length,
      framesWithContent,
      frames,
      distinctLines: lines.size,
    };
  },

  armEdit(line, code, expectProblem) {
    const selector = `.card[data-line="${line}"]`;
    edit = new Promise((resolve) => {
      let started: number | undefined;
      document.addEventListener('change', () => (started ??= performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const card = document.querySelector(selector);
        if (started === undefined || !card || card.classList.contains('placeholder')) return;
        const codes = [...card.querySelectorAll('.problem-code')].map((element) => element.textContent);
        if (codes.includes(code) !== expectProblem) return;
        observer.disconnect();
        resolve(performance.now() - started);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  },

  editResult(timeoutMs) {
    const armed = edit;
    if (!armed) return Promise.reject(new Error('No edit was armed.'));
    return Promise.race([
      armed,
      new Promise<number>((_, reject) =>
        setTimeout(() => reject(new Error('The edit did not come back to the view.')), timeoutMs),
      ),
    ]);
  },
};

(window as unknown as Record<string, ConversationsProbe>)[CONVERSATIONS_PROBE] = probe;
