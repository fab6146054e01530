// Changing the Conversations view's filter: the host filters, and the list keeps its place (the example that was at
// the top, or the first match after it). A change answered after a newer one was made is dropped.
import type { ConversationsInfo, ExampleFilter } from '../../src/protocol/conversations';
import { messageOf } from '../../src/core/errors/messageOf';
import type { ConversationsHost } from './conversationsHost';

export interface FilterParts {
  readonly host: ConversationsHost;
  /** The line of the example at the top of the list. */
  readonly firstLine: () => number;
  /** Takes the host's state for the new filter. */
  readonly applyInfo: (info: ConversationsInfo) => void;
  readonly scrollToRow: (position: number) => void;
  /** Says something in the toolbar's status line. */
  readonly setStatus: (text: string) => void;
  /** The filter changed (the view state saves it). */
  readonly changed: () => void;
}

export class FilterChanges {
  /** Counts the changes: an answer to an older one is stale. */
  private latest = 0;

  constructor(private readonly parts: FilterParts) {}

  async change(filter: ExampleFilter): Promise<void> {
    const request = ++this.latest;
    this.parts.changed();
    const place = this.parts.firstLine();
    let info: ConversationsInfo;
    try {
      info = await this.parts.host.request('setFilter', { filter });
    } catch (error) {
      this.parts.setStatus(messageOf(error));
      return;
    }
    if (request !== this.latest) return;
    this.parts.applyInfo(info);
    // Keep the place: the example that was at the top, or the first match after it.
    const position = await this.parts.host.request('findLine', { line: place });
    if (request !== this.latest) return;
    this.parts.scrollToRow(position ?? 0);
  }
}

/** A filter with at least one condition (an empty one is the host's starting state). */
export function hasCondition(filter: ExampleFilter): boolean {
  return Object.values(filter).some(
    (value) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
}
