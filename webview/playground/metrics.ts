/** Speed of a reply, from timestamps the webview takes. Pure (no DOM), so it is unit-tested in Node. */

export interface ReplyTiming {
  /** When the request was sent (ms, any monotonic clock). */
  sentAt: number;
  /** When the first text arrived; undefined when none did. */
  firstTokenAt?: number | undefined;
  /** When the reply ended. */
  endedAt: number;
  /** The server's count of the reply's tokens (usage), when it sent one. */
  completionTokens?: number | undefined;
}

export interface ReplyMetrics {
  /** Time to first token in ms. */
  ttftMs?: number;
  /** Reply tokens per second while text was arriving (after the first token). */
  tokensPerSecond?: number;
}

/**
 * Time to first token, and tokens per second over the time text was arriving. The rate needs the server's usage
 * (we do not guess tokens from text) and at least two tokens over a measurable time: the first token opens the
 * clock, so a one-token reply or one that arrived in a single chunk has no rate.
 */
export function replyMetrics(timing: ReplyTiming): ReplyMetrics {
  const metrics: ReplyMetrics = {};
  if (timing.firstTokenAt === undefined) return metrics;
  metrics.ttftMs = Math.max(0, timing.firstTokenAt - timing.sentAt);
  const streamingMs = timing.endedAt - timing.firstTokenAt;
  const tokens = timing.completionTokens;
  if (tokens !== undefined && tokens > 1 && streamingMs > 0)
    metrics.tokensPerSecond = (tokens - 1) / (streamingMs / 1000);
  return metrics;
}

/** "ttft 120 ms · 45.2 tok/s": the parts that are known. */
export function formatMetrics(metrics: ReplyMetrics): string {
  const parts: string[] = [];
  if (metrics.ttftMs !== undefined) parts.push(`first token ${Math.round(metrics.ttftMs)} ms`);
  if (metrics.tokensPerSecond !== undefined) parts.push(`${metrics.tokensPerSecond.toFixed(1)} tokens/s`);
  return parts.join(' · ');
}
