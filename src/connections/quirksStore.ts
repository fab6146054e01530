/**
 * Where each connection's server quirks (parameters its server rejected, models that cannot stream) are kept
 * between sessions: globalState, under the connection's id. Quirks are plain JSON and hold no secret. Pure (the
 * memento is structural), so it is unit-tested in Node.
 */

import { parseQuirks, type ServerQuirks } from '../core/connections';

/** The part of `vscode.Memento` used here. */
export interface QuirksMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): Thenable<void>;
}

const PREFIX = 'fineTuneStudio.connectionQuirks.';

export class QuirksStore {
  /** One live object per connection, so `streamReply` updates the same object every caller sees. */
  private readonly live = new Map<string, ServerQuirks>();

  constructor(private readonly memento: QuirksMemento) {}

  /** The connection's quirks: pass them to `streamReply`, then `save` them when it reports a rejected parameter. */
  get(id: string): ServerQuirks {
    let quirks = this.live.get(id);
    if (quirks === undefined) {
      quirks = parseQuirks(this.memento.get(PREFIX + id));
      this.live.set(id, quirks);
    }
    return quirks;
  }

  async save(id: string): Promise<void> {
    await this.memento.update(PREFIX + id, this.get(id));
  }

  /** The per-model switch: `false` fetches the model's replies whole (servers that cannot stream it). */
  async setStreaming(id: string, model: string, streaming: boolean): Promise<void> {
    const quirks = this.get(id);
    const others = quirks.nonStreamingModels.filter((name) => name !== model);
    quirks.nonStreamingModels.splice(0, quirks.nonStreamingModels.length, ...others, ...(streaming ? [] : [model]));
    await this.save(id);
  }

  /** Forgets a removed connection's quirks, so a new connection with its id starts clean. */
  async forget(id: string): Promise<void> {
    this.live.delete(id);
    await this.memento.update(PREFIX + id, undefined);
  }
}
