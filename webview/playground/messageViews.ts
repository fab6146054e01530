// The DOM of each column's conversation, kept between renders. A render rebuilds the page's controls from state, but
// the conversation is patched: each message keeps its element, and a reply keeps its rendered markdown (a streaming
// reply its StreamingMarkdown, a finished one its render). Detaching and attaching a long reply costs a style and
// layout pass over all of it, and rendering it again from its text costs more; a render that did either for every
// reply whenever one of them ended took seconds with four long replies.
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { StreamingMarkdown, type Schedule } from '../shared/markdown/streamingMarkdown';
import { FollowBottom } from './followBottom';
import type { Message, Reply } from './state';
import { textPieces } from './textPieces';

/**
 * A user message longer than this is shown in pieces of about this many characters, each a block that is laid out
 * only when in view (`.text-piece`, content-visibility): four columns sending a 65 KB prompt laid out all of it.
 */
const PIECE_LENGTH = 1_000;

/** A reply's element: the wrapper keeps its place; `extras` (status, buttons) is redrawn on every render. */
export interface ReplyDom {
  wrapper: HTMLElement;
  extras: HTMLElement;
}

interface ReplyEntry extends ReplyDom {
  body: HTMLElement;
  /** Set while the reply streams into `body`. */
  stream?: StreamingMarkdown | undefined;
  /** The text `body` shows; undefined when it must be rendered again. */
  text?: string | undefined;
  /** Characters appended to the stream so far. */
  streamedLength: number;
}

/** A column's conversation: the scrolling log, the messages inside it, and the log following their bottom. */
interface Conversation {
  log: HTMLElement;
  content: HTMLElement;
  follow: FollowBottom;
}

export class MessageViews {
  private readonly conversations = new Map<number, Conversation>();
  private readonly replies = new Map<string, ReplyEntry>();
  private readonly users = new Map<string, { content: string; element: HTMLElement }>();
  private used = new Set<string>();

  constructor(
    private readonly renderer: MarkdownRenderer,
    /** Makes the schedule of a reply that starts streaming (see StreamingMarkdown). */
    private readonly newSchedule: () => Schedule,
  ) {}

  /**
   * The column's conversation element with its children matched to `messages`: kept elements stay attached, new
   * ones are inserted, and `reply` draws each reply's status and buttons into its `extras`.
   */
  conversation(
    column: number,
    messages: readonly Message[],
    reply: (dom: ReplyDom, reply: Reply, index: number) => void,
  ): HTMLElement {
    let conversation = this.conversations.get(column);
    if (!conversation) {
      const log = document.createElement('div');
      log.className = 'conversation';
      log.setAttribute('role', 'log');
      log.setAttribute('aria-live', 'polite');
      const content = document.createElement('div');
      content.className = 'messages';
      log.append(content);
      conversation = { log, content, follow: new FollowBottom(log, content) };
      this.conversations.set(column, conversation);
    }
    const { log, content, follow } = conversation;
    // A message was sent (or an example loaded): show its reply coming, following it down.
    if (messages.length > content.children.length) follow.follow();
    messages.forEach((message, index) => {
      let element: HTMLElement;
      if (message.role === 'user') element = this.user(column, index, message.content);
      else {
        const dom = this.reply(column, index, message.reply);
        reply(dom, message.reply, index);
        element = dom.wrapper;
      }
      const at = content.children[index];
      if (at !== element) content.insertBefore(element, at ?? null);
    });
    while (content.children.length > messages.length) content.lastElementChild!.remove();
    return log;
  }

  /** A chunk of the column's streaming reply, shown without a render of the page. */
  append(column: number, text: string): void {
    for (const [key, entry] of this.replies)
      if (entry.stream && key.startsWith(`${column}:`)) {
        entry.stream.append(text);
        entry.streamedLength += text.length;
      }
  }

  /** Call before a render; `endRender` then forgets what it did not ask for (removed columns, cleared chats). */
  beginRender(): void {
    this.used = new Set();
  }

  endRender(columns: readonly number[]): void {
    for (const key of this.replies.keys()) if (!this.used.has(key)) this.replies.delete(key);
    for (const key of this.users.keys()) if (!this.used.has(key)) this.users.delete(key);
    for (const [id, conversation] of this.conversations)
      if (!columns.includes(id)) {
        conversation.follow.dispose();
        this.conversations.delete(id);
      }
  }

  private user(column: number, index: number, content: string): HTMLElement {
    const key = `${column}:${index}`;
    this.used.add(key);
    const kept = this.users.get(key);
    if (kept?.content === content) return kept.element;
    const element = document.createElement('div');
    element.className = 'message user';
    const pieces = textPieces(content, PIECE_LENGTH);
    if (pieces.length === 1) element.textContent = content;
    else
      element.append(
        ...pieces.map((piece) => {
          const block = document.createElement('div');
          block.className = 'text-piece';
          block.textContent = piece;
          return block;
        }),
      );
    this.users.set(key, { content, element });
    return element;
  }

  private reply(column: number, index: number, reply: Reply): ReplyEntry {
    const key = `${column}:${index}`;
    this.used.add(key);
    let entry = this.replies.get(key);
    if (!entry) {
      const wrapper = document.createElement('div');
      const body = document.createElement('div');
      const extras = document.createElement('div');
      wrapper.append(body, extras);
      entry = { wrapper, body, extras, streamedLength: 0 };
      this.replies.set(key, entry);
    }
    if (reply.status === 'streaming') {
      if (!entry.stream) this.replaceBody(entry, reply.text, true);
      return entry;
    }
    if (entry.stream) {
      // The stream ended: its body already shows the whole text when every chunk reached it.
      entry.stream.end();
      entry.stream = undefined;
      entry.text = entry.streamedLength === reply.text.length ? reply.text : undefined;
    }
    if (entry.text !== reply.text) this.replaceBody(entry, reply.text, false);
    return entry;
  }

  private replaceBody(entry: ReplyEntry, text: string, streaming: boolean): void {
    const body = document.createElement('div');
    body.className = 'reply-text';
    if (streaming) {
      entry.stream = new StreamingMarkdown(this.renderer, body, this.newSchedule());
      if (text !== '') entry.stream.append(text);
      entry.text = undefined;
    } else {
      body.append(this.renderer.render(text));
      entry.text = text;
    }
    entry.streamedLength = text.length;
    entry.body.replaceWith(body);
    entry.body = body;
  }
}
