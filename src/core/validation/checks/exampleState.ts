/** What the checks of one example share while walking its messages. */
export interface ExampleState {
  /** Images seen so far (the API allows at most 10 per example). */
  images: number;
  /** Ids of the tool calls made so far; created on the first tool call. */
  toolCallIds: Set<string> | undefined;
}

/** A fresh state for the next example. */
export function newExampleState(): ExampleState {
  return { images: 0, toolCallIds: undefined };
}
