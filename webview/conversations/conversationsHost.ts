// The Conversations page's end of the protocol: its requests, the events the host sends it and those it sends.
import type {
  ConversationsHostEvents,
  ConversationsRequests,
  ConversationsWebviewEvents,
} from '../../src/protocol/conversations';
import type { HostClient } from '../shared/hostClient';

export type ConversationsHost = HostClient<ConversationsRequests, ConversationsHostEvents, ConversationsWebviewEvents>;
