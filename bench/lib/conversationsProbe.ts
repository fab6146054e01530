import type { Frame } from 'playwright-core';
import { CONVERSATIONS_PROBE, type ConversationsProbe, type ScrollRun } from './conversationsProbeApi';
import { probeScript } from './probeScript';

/** The probe installed in the Conversations view's content frame, called from Node. */
export class ConversationsProbeClient {
  private constructor(private readonly frame: Frame) {}

  static async install(frame: Frame): Promise<ConversationsProbeClient> {
    await frame.evaluate(await probeScript('conversationsProbe'));
    return new ConversationsProbeClient(frame);
  }

  armScroll(): Promise<void> {
    return this.call('armScroll');
  }
  drag(frames: number): Promise<void> {
    return this.call('drag', frames);
  }
  scrollResult(): Promise<ScrollRun> {
    return this.call('scrollResult');
  }
  armEdit(line: number, code: string, expectProblem: boolean): Promise<void> {
    return this.call('armEdit', line, code, expectProblem);
  }
  editResult(timeoutMs: number): Promise<number> {
    return this.call('editResult', timeoutMs);
  }

  /** Calls a probe method in the frame; arguments are JSON-encoded into the expression. */
  private call<T>(method: keyof ConversationsProbe, ...args: (number | string | boolean)[]): Promise<T> {
    const list = args.map((arg) => JSON.stringify(arg)).join(', ');
    return this.frame.evaluate<T>(`window.${CONVERSATIONS_PROBE}.${method}(${list})`);
  }
}
