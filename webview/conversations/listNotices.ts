// The notices above the Conversations list: the read-only banner, and why the list is empty.
import type { ConversationsInfo } from '../../src/protocol/conversations';
import { element } from '../shared/dom';

export class ListNotices {
  readonly banner = element('div', { class: 'read-only-banner', role: 'status', hidden: '' });
  /** Says why the list is empty: no examples, none matching, or none found yet. */
  readonly empty = element('p', { class: 'empty-state', role: 'status', hidden: '' });

  update(info: ConversationsInfo): void {
    if (info.readOnly === undefined) this.banner.hidden = true;
    else {
      this.banner.hidden = false;
      this.banner.replaceChildren(
        element('span', { class: 'codicon codicon-lock', 'aria-hidden': 'true' }),
        element('span', {}, `Read-only: ${info.readOnly}`),
      );
    }
    this.empty.hidden = info.matches > 0;
    this.empty.textContent = info.scanning
      ? 'Looking for matching examples…'
      : info.lineCount === 0
        ? 'This file has no examples yet.'
        : 'No example matches the search and filters.';
  }
}
