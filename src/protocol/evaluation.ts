/**
 * Messages of the Evaluation view (a webview over a batch results file) and their run-time checks. Both the
 * extension host and the webview import this file.
 *
 * The host reads and groups the results file once; the webview asks for rows by range. Everything the page shows is
 * plain data computed by the host (metrics, win rates); the page never sees a key, a path it could write to, or the
 * network. Blind review keeps the identity of each shown answer on the host until the vote is cast.
 */
import type { PromptTurn } from '../core/batch/batchTypes';
import type { ModelSummary } from '../core/batch/answerMetrics';
import type { WinRecord } from '../core/batch/winRate';
import type { WebviewProtocol } from './checkMessage';
import { isIndex, literal, object, type Guard } from './guards';

export type { ModelSummary, PromptTurn, WinRecord };

/** One model's answer to one prompt, as the table shows it. */
export interface AnswerCell {
  readonly label: string;
  /** The answer; undefined when the request failed. */
  readonly text?: string;
  readonly error?: string;
  readonly finishReason?: string | null;
  readonly latencyMs: number;
}

/** A judge's verdict on one prompt, for the row. */
export interface RowJudgement {
  readonly a: string;
  readonly b: string;
  /** A label, 'tie', or undefined when the judge's reply could not be read. */
  readonly winner?: string;
  readonly reason: string;
  readonly judge: string;
}

/** One prompt of the results file with every model's latest answer. */
export interface EvaluationRow {
  /** Its position in the table (0 … rowCount - 1). */
  readonly position: number;
  readonly promptKey: string;
  /** Where the prompt came from in the run's input ("line 12"). */
  readonly source: string;
  readonly turns: readonly PromptTurn[];
  readonly reference?: string;
  /** One per model of the info's `models`, in that order; null when the model has no record for the prompt. */
  readonly answers: readonly (AnswerCell | null)[];
  readonly judgements: readonly RowJudgement[];
}

/** A connection a judge can run on (no key, no URL). */
export interface JudgeConnection {
  readonly id: string;
  readonly name: string;
}

/** Win rates from comparisons of two models. */
export interface Standings {
  readonly a: string;
  readonly b: string;
  /** Each model's record over these comparisons (a first). */
  readonly records: readonly WinRecord[];
}

/** The state of the results file and its sidecars; sent again (an `info` event) whenever any of them changes. */
export interface EvaluationInfo {
  readonly fileName: string;
  /** The results file's URI, so a restored page can ask for the same file. */
  readonly resultsUri: string;
  readonly rowCount: number;
  /** Model labels, in the order the table shows their columns. */
  readonly models: readonly string[];
  /** Each model's metrics; absent while they are being computed. */
  readonly summaries?: readonly ModelSummary[];
  /** Present while a large file is still being read: the rows so far are shown. */
  readonly reading?: { readonly bytesRead: number; readonly byteLength: number };
  /** Complete lines that are not result records. */
  readonly badLines: number;
  readonly connections: readonly JudgeConnection[];
  /** The rubric a judge starts with. */
  readonly defaultRubric: string;
  /** The judge's win rates for every pair of models judged. */
  readonly judged: readonly Standings[];
  /** The human votes' win rates for every pair of models reviewed. */
  readonly voted: readonly Standings[];
}

/** A judging run's progress. */
export interface JudgeProgress {
  readonly done: number;
  readonly total: number;
  /** Verdicts that could not be read or requests that failed so far. */
  readonly failed: number;
}

/** What a judging run did. */
export interface JudgeOutcome extends JudgeProgress {
  /** Prompts judged before (same judge, same pair) and not asked again. */
  readonly resumed: number;
  /** Prompts where either model has no answer. */
  readonly unanswered: number;
  /** The first failure's message, if any failed. */
  readonly firstError?: string;
}

/** One blind comparison: the two answers in a random order, without their labels. */
export interface ReviewItem {
  /** Names this comparison in the vote (the host keeps which answer is whose). */
  readonly token: number;
  readonly position: number;
  readonly turns: readonly PromptTurn[];
  readonly reference?: string;
  readonly answers: readonly [string, string];
  /** Prompts with both answers left to review, this one included. */
  readonly remaining: number;
}

/** A person's verdict: answer 1 or 2 is better, a tie, both bad, or skip. */
export type VoteChoice = '1' | '2' | 'tie' | 'bothBad' | 'skip';

/** The answer to a vote: who was who, and the running win rates. */
export interface VoteResult {
  /** The labels of answer 1 and answer 2. */
  readonly revealed: readonly [string, string];
  readonly standings: Standings;
}

/** Where a save went; `saved: false` when the user cancelled the file choice. */
export type SaveResult =
  { readonly saved: false } | { readonly saved: true; readonly fileName: string; readonly line: number };
/** Where a distilled dataset went. */
export type DistilResult =
  | { readonly saved: false }
  | { readonly saved: true; readonly fileName: string; readonly lines: number; readonly left: number };

/** Requests the evaluation webview makes. */
export type EvaluationRequests = {
  info: { params: Record<string, never>; result: EvaluationInfo };
  /** The rows at positions start … start + count - 1 (fewer at the end). */
  rows: { params: { start: number; count: number }; result: EvaluationRow[] };
  /** The models a connection lists, for the judge picker; an error lists none. */
  judgeModels: { params: { connection: string }; result: { models: string[]; error?: string } };
  /** Judges every prompt both models answered (resuming a previous run); streams progress. */
  judge: {
    params: { connection: string; model: string; rubric: string; a: number; b: number };
    result: JudgeOutcome;
    chunk: JudgeProgress;
  };
  /** The next blind comparison of models a and b (indexes into `models`) after position `from`; null when none. */
  reviewNext: { params: { a: number; b: number; from: number }; result: ReviewItem | null };
  vote: { params: { token: number; choice: VoteChoice }; result: VoteResult };
  /** Saves a model's answer to a prompt as a chat example (the host asks for the file). */
  saveChat: { params: { position: number; model: number }; result: SaveResult };
  /** Saves two models' answers to a prompt as a preference example, `preferred` the better. */
  savePreference: { params: { position: number; preferred: number; rejected: number }; result: SaveResult };
  /** Writes every answered prompt of a model as a new chat dataset (the host asks for the file). */
  distil: { params: { model: number }; result: DistilResult };
};

/** Events the host sends: the file, its judgements or its votes changed. */
export type EvaluationHostEvents = {
  info: EvaluationInfo;
};

/** The evaluation webview sends no events besides requests. */
export type EvaluationWebviewEvents = Record<never, never>;

/** A window far larger than any screen: a request for more is malformed. */
export const MAX_ROWS_PER_REQUEST = 500;
/** A rubric longer than this is not a rubric. */
export const MAX_RUBRIC = 20_000;

const isShortText: Guard<string> = (value): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= 1_000;
const isRubric: Guard<string> = (value): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= MAX_RUBRIC;
/** A model index: a run has a handful of models. */
const isModelIndex: Guard<number> = (value): value is number => isIndex(value) && value < 1_000;
const isEmpty: Guard<Record<string, never>> = object({});

/** The run-time check of everything the evaluation webview may send. */
export const evaluationProtocol: WebviewProtocol<EvaluationRequests, EvaluationWebviewEvents> = {
  requests: {
    info: isEmpty,
    rows: object({
      start: isIndex,
      count: (value): value is number => isIndex(value) && value <= MAX_ROWS_PER_REQUEST,
    }),
    judgeModels: object({ connection: isShortText }),
    judge: object({ connection: isShortText, model: isShortText, rubric: isRubric, a: isModelIndex, b: isModelIndex }),
    reviewNext: object({ a: isModelIndex, b: isModelIndex, from: oneOfIndexOrStart }),
    vote: object({ token: isIndex, choice: literal('1', '2', 'tie', 'bothBad', 'skip') }),
    saveChat: object({ position: isIndex, model: isModelIndex }),
    savePreference: object({ position: isIndex, preferred: isModelIndex, rejected: isModelIndex }),
    distil: object({ model: isModelIndex }),
  },
  events: {},
};

/** A position, or -1 for "from the start". */
function oneOfIndexOrStart(value: unknown): value is number {
  return isIndex(value) || value === -1;
}
