// The roles of an example's messages: the toolbar's role filter offers the ones seen in rows.
import type { ConversationRow } from '../../src/protocol/conversations';

export function rolesOf(row: ConversationRow): string[] {
  const view = row.view;
  if (view.kind === 'chat' || view.kind === 'rft') return view.messages.map((message) => message.role);
  if (view.kind === 'preference')
    return [...view.input, ...view.preferred, ...view.nonPreferred].map((message) => message.role);
  return [];
}
