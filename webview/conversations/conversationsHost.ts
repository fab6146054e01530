// The Conversations page's end of the protocol: the requests it makes of the host and the events the host sends it.
import type { ConversationsHostEvents, ConversationsRequests } from '../../src/protocol/conversations';
import type { HostClient } from '../shared/hostClient';

export type ConversationsHost = HostClient<ConversationsRequests, ConversationsHostEvents>;
