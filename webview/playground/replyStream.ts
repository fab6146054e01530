// One column's reply, streamed through the host: its chunks as they come, and how it ended with its timings.
import type { ChatParams, PlaygroundHostEvents, PlaygroundRequests, ReplyEnd } from '../../src/protocol/playground';
import { messageOf } from '../../src/core/errors/messageOf';
import type { HostClient } from '../shared/hostClient';
import { replyMetrics, type ReplyMetrics } from './metrics';
import type { Reply } from './state';

export interface ReplyStreamEvents {
  text(text: string): void;
  usage(usage: NonNullable<Reply['usage']>): void;
  notice(text: string): void;
}

/** How a reply's request ended: every way lands in the state as a status the user sees. */
export type ReplyOutcome = { type: 'end'; end: ReplyEnd; metrics: ReplyMetrics } | { type: 'fail'; message: string };

/** Streams the reply to `params`; resolves with its outcome (a stop through `signal` is an `aborted` end). */
export async function streamReply(
  host: HostClient<PlaygroundRequests, PlaygroundHostEvents>,
  params: ChatParams,
  signal: AbortSignal,
  events: ReplyStreamEvents,
): Promise<ReplyOutcome> {
  const sentAt = performance.now();
  let firstTokenAt: number | undefined;
  let completionTokens: number | undefined;
  const ended = (end: ReplyEnd): ReplyOutcome => ({
    type: 'end',
    end,
    metrics: replyMetrics({ sentAt, firstTokenAt, endedAt: performance.now(), completionTokens }),
  });
  try {
    const end = await host.request('chat', params, {
      signal,
      onChunk: (chunk) => {
        if (chunk.type === 'delta') {
          firstTokenAt ??= performance.now();
          events.text(chunk.text);
        } else if (chunk.type === 'usage') {
          completionTokens = chunk.completionTokens;
          events.usage({ promptTokens: chunk.promptTokens, completionTokens, totalTokens: chunk.totalTokens });
        } else events.notice(chunk.text);
      },
    });
    return ended(end);
  } catch (error) {
    if (signal.aborted || (error instanceof Error && error.name === 'AbortError')) return ended({ ended: 'aborted' });
    return { type: 'fail', message: messageOf(error) };
  }
}
