import type { Frame } from 'playwright-core';
import { PROBE_GLOBAL, type PlaygroundProbe, type RenderRun, type TtftTrial } from './playgroundProbeApi';
import { probeScript } from './probeScript';

type Method = keyof PlaygroundProbe;

/** The probe installed in the playground's content frame, called from Node (each method of PlaygroundProbe). */
export class ProbeClient {
  private constructor(private readonly frame: Frame) {}

  /** Installs the probe into `frame` (the webview's content frame) and returns a client for it. */
  static async install(frame: Frame): Promise<ProbeClient> {
    await frame.evaluate(await probeScript('playgroundProbe'));
    return new ProbeClient(frame);
  }

  armTtft(): Promise<void> {
    return this.call('armTtft');
  }

  ttftResult(timeoutMs: number): Promise<TtftTrial> {
    return this.call('ttftResult', timeoutMs);
  }

  armRender(columns: number, idleMs: number): Promise<void> {
    return this.call('armRender', columns, idleMs);
  }

  renderResult(timeoutMs: number): Promise<RenderRun> {
    return this.call('renderResult', timeoutMs);
  }

  /** Calls a probe method in the frame; arguments are numbers only, so they are written into the expression. */
  private call<T>(method: Method, ...args: number[]): Promise<T> {
    return this.frame.evaluate<T>(`window.${PROBE_GLOBAL}.${method}(${args.map((a) => String(a)).join(', ')})`);
  }
}
