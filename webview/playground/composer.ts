// The message box under the columns, with Send and Stop: one input sends to every column.
import { element } from '../shared/dom';

export interface ComposerActions {
  /** The box's text changed (the draft is saved with the page's state). */
  typed(text: string): void;
  send(text: string): void;
  stop(): void;
}

/**
 * Built once and kept for the page's life: a new prompt box had to be focused again after every render, and focusing
 * it forced a style and layout pass over the whole page (with four long replies, most of a render's time) inside the
 * render's task.
 */
export class Composer {
  readonly element: HTMLElement;
  private readonly box: HTMLTextAreaElement;
  private readonly sendButton: HTMLElement;
  private readonly stopButton: HTMLElement;

  constructor(actions: ComposerActions) {
    this.box = element('textarea', {
      id: 'prompt',
      rows: '3',
      'aria-label': 'Message to send to every column',
      placeholder: 'Message (Enter sends, Shift+Enter for a new line)',
    }) as HTMLTextAreaElement;
    this.box.addEventListener('input', () => actions.typed(this.box.value));
    this.box.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      actions.send(this.box.value);
    });
    this.sendButton = element('vscode-button', { id: 'send', 'aria-label': 'Send to every column' }, 'Send');
    this.sendButton.addEventListener('click', () => actions.send(this.box.value));
    this.stopButton = element('vscode-button', { id: 'stop', secondary: '', 'aria-label': 'Stop every reply' }, 'Stop');
    this.stopButton.addEventListener('click', () => actions.stop());
    const buttons = element('div', { class: 'actions' }, this.sendButton, this.stopButton);
    this.element = element('footer', { class: 'composer' }, this.box, buttons);
  }

  /** Shows the draft (the box is left alone when it already holds it, so the caret stays). */
  showDraft(draft: string): void {
    if (this.box.value !== draft) this.box.value = draft;
  }

  /** While replies stream only Stop applies; otherwise only Send. */
  showBusy(busy: boolean): void {
    this.sendButton.toggleAttribute('disabled', busy);
    this.stopButton.toggleAttribute('disabled', !busy);
  }
}
