/**
 * The host side of the Evaluation view, free of vscode so unit tests drive it: keeps the results file's rows (read by
 * resultsLoading.ts), answers row ranges from memory, runs the LLM judge, keeps blind-review votes, and saves answers
 * as examples.
 * The panel supplies what needs VS Code (file pickers, the connections' clients) through {@link EvaluationBackend}.
 */
import { basename } from 'node:path';
import type OpenAI from 'openai';
import type { ModelSummary } from '../core/batch/answerMetrics';
import { DEFAULT_RUBRIC } from '../core/batch/judgePrompt';
import { describeError, listModels, requestUrl } from '../core/connections';
import type { ExampleToSave } from '../core/playground/savedExample';
import { savedMessage, type AppendedExample } from '../datasetFiles/saveOutcome';
import type { RequestHandlers } from '../panels/webviewHost';
import type {
  EvaluationInfo,
  EvaluationRequests,
  EvaluationRow,
  JudgeConnection,
  JudgeProgress,
  ReviewItem,
  RowJudgement,
  VoteChoice,
} from '../protocol/evaluation';
import { runJudge, type JudgeItem } from './judgeRun';
import { outcomeOfChoice, samePair, standings, winnerOf } from './pairStandings';
import { answerCell, answerOf, type GroupedResults, type GroupedRow } from './resultRows';
import { loadResults, type ResultsLoad } from './resultsLoading';
import { chatExample, distilDataset, preferenceExample } from './saveExamples';
import {
  latestPerPair,
  parseJudgement,
  parseVote,
  readSidecar,
  SidecarAppender,
  sidecarPath,
  type JudgementRecord,
  type VoteRecord,
} from './sidecars';

/** What the handlers need from VS Code. */
export interface EvaluationBackend {
  readonly resultsPath: string;
  /** The results file's URI as a string (for the page's saved state). */
  readonly resultsUri: string;
  connections(): readonly JudgeConnection[];
  clientFor(connection: string): Promise<OpenAI>;
  /** A file to append a chat or preference example to; undefined when the user cancels. */
  pickExampleTarget(kind: 'chat' | 'preference', signal: AbortSignal): Promise<string | undefined>;
  /** A new file for a model's distilled answers; undefined when the user cancels. */
  pickDistilTarget(label: string, signal: AbortSignal): Promise<string | undefined>;
  /**
   * Appends one example to a dataset file after validating it, to its open document when it has one (so unsaved
   * edits and Undo are kept); rejects with the reason when the example is refused.
   */
  appendExample(path: string, example: ExampleToSave, signal: AbortSignal): Promise<AppendedExample>;
  /** Tells the page something changed (judgements or votes were added). */
  changed(info: EvaluationInfo): void;
  /** Tells the user where an example went (with its warnings). */
  saved?(message: string): void;
  /** Random numbers for the blind order; default Math.random. */
  readonly random?: () => number;
  readonly now?: () => Date;
}

/** The state of one open results file. */
export class EvaluationSession {
  private grouped: GroupedResults = { models: [], rows: [] };
  /** Undefined while the metrics are being computed. */
  private summaries: ModelSummary[] | undefined;
  /** Set while a first read is still going: the rows so far are shown. */
  private reading: { bytesRead: number; byteLength: number } | undefined;
  private badLines = 0;
  private judgements: JudgementRecord[] = [];
  private votes: VoteRecord[] = [];
  private readonly judgementsFile: SidecarAppender;
  private readonly votesFile: SidecarAppender;
  private nextToken = 1;
  /** The latest load: requests wait for its first rows, or for the whole file and its sidecars. */
  private loading: ResultsLoad | undefined;
  private hasLoaded = false;
  private readonly pending = new Map<number, { promptKey: string; a: string; b: string; shown: [string, string] }>();

  constructor(private readonly backend: EvaluationBackend) {
    this.judgementsFile = new SidecarAppender(sidecarPath(backend.resultsPath, 'judgements'));
    this.votesFile = new SidecarAppender(sidecarPath(backend.resultsPath, 'votes'));
  }

  /**
   * Reads the results file and both sidecars (again), then computes the metrics without holding the thread. The
   * first time, a large file's first rows are answered before the rest is read (`info().reading` says so), and the
   * page is told when the whole file is in and when the metrics are; requests that act on a row wait for the whole
   * file. Resolves when the metrics are in.
   */
  load(signal?: AbortSignal): Promise<void> {
    this.loading = loadResults({
      resultsPath: this.backend.resultsPath,
      first: !this.hasLoaded,
      ...(signal ? { signal } : {}),
      firstRows: (grouped, reading) => {
        this.grouped = grouped;
        this.reading = reading;
      },
      loaded: async ({ grouped, badLines, firstRowsShown }) => {
        this.reading = undefined;
        this.grouped = grouped;
        this.badLines = badLines;
        this.judgements = await readSidecar(this.judgementsFile.path, parseJudgement);
        this.votes = await readSidecar(this.votesFile.path, parseVote);
        this.hasLoaded = true;
        if (firstRowsShown) this.backend.changed(this.info());
      },
      summarized: (summaries) => {
        this.summaries = summaries;
        this.backend.changed(this.info());
      },
    });
    return this.loading.summarized;
  }

  info(): EvaluationInfo {
    return {
      fileName: basename(this.backend.resultsPath),
      resultsUri: this.backend.resultsUri,
      rowCount: this.grouped.rows.length,
      models: this.grouped.models,
      ...(this.summaries === undefined ? {} : { summaries: this.summaries }),
      ...(this.reading === undefined ? {} : { reading: this.reading }),
      badLines: this.badLines,
      connections: this.backend.connections(),
      defaultRubric: DEFAULT_RUBRIC,
      judged: standings(latestPerPair(this.judgements)),
      voted: standings(latestPerPair(this.votes)),
    };
  }

  rows(start: number, count: number): EvaluationRow[] {
    const judged = new Map<string, RowJudgement[]>();
    for (const record of latestPerPair(this.judgements)) {
      const list = judged.get(record.promptKey) ?? [];
      list.push({
        a: record.a,
        b: record.b,
        ...(winnerOf(record) === undefined ? {} : { winner: winnerOf(record)! }),
        reason: record.invalid ?? record.reason,
        judge: record.judge,
      });
      judged.set(record.promptKey, list);
    }
    return this.grouped.rows.slice(start, start + count).map((row, i) => ({
      position: start + i,
      promptKey: row.prompt.key,
      source: row.prompt.source,
      turns: row.prompt.turns,
      ...(row.prompt.reference === undefined ? {} : { reference: row.prompt.reference }),
      answers: this.grouped.models.map((label) => {
        const record = row.records.get(label);
        return record === undefined ? null : answerCell(record);
      }),
      judgements: judged.get(row.prompt.key) ?? [],
    }));
  }

  handlers(): RequestHandlers<EvaluationRequests> {
    return {
      info: async () => {
        await this.loading?.rowsReady;
        return this.info();
      },
      rows: async ({ start, count }) => {
        await this.loading?.rowsReady;
        const rows = this.rows(start, count);
        // Read on once this answer is sent (the read's next step waits for the file system).
        this.loading?.rowsFetched();
        return rows;
      },
      judgeModels: async ({ connection }, { signal }) => {
        let client: OpenAI | undefined;
        try {
          client = await this.backend.clientFor(connection);
          const models = await listModels(client, { signal });
          return { models: models.map((model) => model.id).sort() };
        } catch (error) {
          const url = client ? requestUrl(client, 'models') : connection;
          return { models: [], error: describeError(error, { url, secrets: client ? [client.apiKey] : [] }) };
        }
      },
      // Requests that act on rows or models wait for the whole file: positions are final only then.
      judge: async (params, { signal, stream }) => {
        await this.loading?.loaded;
        return this.judge(params, signal, stream);
      },
      reviewNext: async ({ a, b, from }) => {
        await this.loading?.loaded;
        return this.reviewNext(this.label(a), this.label(b), from);
      },
      vote: async ({ token, choice }) => {
        await this.loading?.loaded;
        return this.vote(token, choice);
      },
      saveChat: async ({ position, model }, { signal }) => {
        await this.loading?.loaded;
        const row = this.row(position);
        const label = this.label(model);
        const answer = answerOf(row, label);
        if (answer === undefined) throw new Error(`${label} has no answer to this prompt.`);
        const example = chatExample(row.prompt.turns, answer);
        const path = await this.backend.pickExampleTarget('chat', signal);
        if (path === undefined) return { saved: false };
        return this.append(path, example, signal);
      },
      savePreference: async ({ position, preferred, rejected }, { signal }) => {
        await this.loading?.loaded;
        const row = this.row(position);
        const [better, worse] = [this.label(preferred), this.label(rejected)];
        if (better === worse) throw new Error('Pick two different models.');
        const betterText = answerOf(row, better);
        const worseText = answerOf(row, worse);
        if (betterText === undefined || worseText === undefined)
          throw new Error(`${betterText === undefined ? better : worse} has no answer to this prompt.`);
        const example = preferenceExample(row.prompt.turns, betterText, worseText);
        const path = await this.backend.pickExampleTarget('preference', signal);
        if (path === undefined) return { saved: false };
        return this.append(path, example, signal);
      },
      distil: async ({ model }, { signal }) => {
        await this.loading?.loaded;
        const label = this.label(model);
        const path = await this.backend.pickDistilTarget(label, signal);
        if (path === undefined) return { saved: false };
        const rows = this.grouped.rows;
        const pairs = rows.flatMap((row) => {
          const answer = answerOf(row, label);
          return answer === undefined ? [] : [{ turns: row.prompt.turns, answer }];
        });
        const result = await distilDataset(path, pairs, { resultsPath: this.backend.resultsPath, signal });
        return { saved: true, ...result };
      },
    };
  }

  private async append(path: string, example: ExampleToSave, signal: AbortSignal) {
    const appended = await this.backend.appendExample(path, example, signal);
    this.backend.saved?.(savedMessage(appended));
    return { saved: true as const, fileName: appended.fileName, line: appended.line };
  }

  private label(index: number): string {
    const label = this.grouped.models[index];
    if (label === undefined) throw new Error('No such model in this results file.');
    return label;
  }

  private row(position: number): GroupedRow {
    const row = this.grouped.rows[position];
    if (row === undefined) throw new Error('No such prompt in this results file.');
    return row;
  }

  private async judge(
    params: EvaluationRequests['judge']['params'],
    signal: AbortSignal,
    stream: (progress: JudgeProgress) => void,
  ) {
    const [a, b] = [this.label(params.a), this.label(params.b)];
    if (a === b) throw new Error('Pick two different models to compare.');
    const judge = `${params.connection} / ${params.model}`;
    const known = new Set(
      latestPerPair(this.judgements)
        .filter((record) => record.judge === judge && record.invalid === undefined && samePair(record, a, b))
        .map((record) => record.promptKey),
    );
    const todo: JudgeItem[] = [];
    let unanswered = 0;
    let resumed = 0;
    for (const row of this.grouped.rows) {
      const [textA, textB] = [answerOf(row, a), answerOf(row, b)];
      if (textA === undefined || textB === undefined) unanswered++;
      else if (known.has(row.prompt.key)) resumed++;
      else todo.push({ prompt: row.prompt, textA, textB });
    }
    const client = await this.backend.clientFor(params.connection);
    // The page hears of every judgement kept, whether the run ended, failed or was stopped.
    const result = await runJudge({
      client,
      model: params.model,
      rubric: params.rubric,
      a,
      b,
      judge,
      items: todo,
      signal,
      now: () => this.now(),
      record: async (record) => {
        await this.judgementsFile.append(record);
        this.judgements.push(record);
      },
      stream,
    }).finally(() => this.backend.changed(this.info()));
    signal.throwIfAborted();
    return { ...result, resumed, unanswered };
  }

  private reviewNext(a: string, b: string, from: number): ReviewItem | null {
    if (a === b) throw new Error('Pick two different models to compare.');
    const voted = new Set(
      latestPerPair(this.votes)
        .filter((vote) => samePair(vote, a, b) && vote.outcome !== 'skip')
        .map((vote) => vote.promptKey),
    );
    const open: number[] = [];
    this.grouped.rows.forEach((row, position) => {
      if (!voted.has(row.prompt.key) && answerOf(row, a) !== undefined && answerOf(row, b) !== undefined)
        open.push(position);
    });
    const position = open.find((p) => p > from) ?? open[0];
    if (position === undefined) return null;
    const row = this.grouped.rows[position]!;
    const shown: [string, string] = (this.backend.random ?? Math.random)() < 0.5 ? [a, b] : [b, a];
    const token = this.nextToken++;
    this.pending.set(token, { promptKey: row.prompt.key, a, b, shown });
    return {
      token,
      position,
      turns: row.prompt.turns,
      ...(row.prompt.reference === undefined ? {} : { reference: row.prompt.reference }),
      answers: [answerOf(row, shown[0])!, answerOf(row, shown[1])!],
      remaining: open.length,
    };
  }

  private async vote(token: number, choice: VoteChoice) {
    const item = this.pending.get(token);
    if (item === undefined) throw new Error('This comparison is no longer open; ask for the next one.');
    this.pending.delete(token);
    const { a, b, shown } = item;
    const outcome = outcomeOfChoice(choice, shown, a);
    const record: VoteRecord = {
      v: 1,
      promptKey: item.promptKey,
      a,
      b,
      outcome,
      shown,
      at: this.now().toISOString(),
    };
    await this.votesFile.append(record);
    this.votes.push(record);
    const info = this.info();
    this.backend.changed(info);
    const pair = standings(latestPerPair(this.votes).filter((vote) => samePair(vote, a, b)))[0] ?? {
      a,
      b,
      records: [],
    };
    return { revealed: shown, standings: pair };
  }

  private now(): Date {
    return this.backend.now?.() ?? new Date();
  }
}
