// What the Evaluation page's sections share: the host, the file's info, the pair of models compared, the status line
// and saving an example.
import type {
  EvaluationHostEvents,
  EvaluationInfo,
  EvaluationRequests,
  SaveResult,
} from '../../src/protocol/evaluation';
import type { HostClient } from '../shared/hostClient';
import type { MarkdownRenderer } from '../shared/markdown/renderMarkdown';

export interface EvaluationPageContext {
  readonly host: HostClient<EvaluationRequests, EvaluationHostEvents>;
  readonly renderer: MarkdownRenderer;
  /** The file's info as the host last sent it; the sections render only once it has. */
  info(): EvaluationInfo | undefined;
  /** The two models compared, as indexes into the info's models (read when a request is sent). */
  readonly pair: { readonly a: number; readonly b: number };
  /** Shows a message in the page's status line. */
  say(message: string, isError?: boolean): void;
  /** Runs a save request and says where the example went, or why it was not saved. */
  save(run: () => Promise<SaveResult>): Promise<void>;
}
