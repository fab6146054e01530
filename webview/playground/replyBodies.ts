// The rendered text of each reply, kept between renders. A render rebuilds the page's controls from state, but a
// reply's rendered markdown is reused: a streaming reply keeps its StreamingMarkdown (chunks keep going into the same
// element), and a finished reply is rendered once. Without this, every render (e.g. one reply ending) rendered every
// other reply again from its whole text.
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';
import { StreamingMarkdown } from '../shared/markdown/streamingMarkdown';
import type { Reply } from './state';

interface Body {
  element: HTMLElement;
  /** Set while the reply streams into this body. */
  stream?: StreamingMarkdown | undefined;
  /** The text the element shows (for a streamed body: the length appended so far). */
  text?: string;
  streamedLength: number;
}

export class ReplyBodies {
  private readonly bodies = new Map<string, Body>();
  private used = new Set<string>();

  constructor(
    private readonly renderer: MarkdownRenderer,
    private readonly schedule: (callback: () => void) => unknown,
  ) {}

  /** The element showing a column's reply at a message index (created, or the one from the last render). */
  element(column: number, index: number, reply: Reply): HTMLElement {
    const key = `${column}:${index}`;
    this.used.add(key);
    const body = this.bodies.get(key);
    if (reply.status === 'streaming') {
      if (body?.stream) return body.element;
      const element = document.createElement('div');
      element.className = 'reply-text';
      const stream = new StreamingMarkdown(this.renderer, element, this.schedule);
      if (reply.text !== '') stream.append(reply.text);
      this.bodies.set(key, { element, stream, streamedLength: reply.text.length });
      return element;
    }
    if (body?.stream) {
      // The stream ended: its element already shows the whole text when every chunk reached it.
      body.stream.end();
      body.stream = undefined;
      body.text = body.streamedLength === reply.text.length ? reply.text : undefined;
    }
    if (body && body.text === reply.text) return body.element;
    const element = document.createElement('div');
    element.className = 'reply-text';
    element.append(this.renderer.render(reply.text));
    this.bodies.set(key, { element, text: reply.text, streamedLength: reply.text.length });
    return element;
  }

  /** A chunk of the column's streaming reply (shown without a render of the page). */
  append(column: number, text: string): void {
    for (const [key, body] of this.bodies)
      if (body.stream && key.startsWith(`${column}:`)) {
        body.stream.append(text);
        body.streamedLength += text.length;
      }
  }

  /** Call before a render; `endRender` then forgets the bodies it did not ask for (removed columns, cleared chats). */
  beginRender(): void {
    this.used = new Set();
  }

  endRender(): void {
    for (const key of this.bodies.keys()) if (!this.used.has(key)) this.bodies.delete(key);
  }
}
