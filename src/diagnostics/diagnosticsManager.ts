import * as vscode from 'vscode';
import { DatasetAnalysis, type AnalysisSnapshot, type TextSource } from '../core/analysis/datasetAnalysis';
import { countLineBreaks, type LineChange } from '../core/analysis/lineEdits';
import type { TokenCounter } from '../core/analysis/lineTokens';
import { parseResult } from '../core/batch/resultsFile';
import type { Problem } from '../core/problem';
import type { DiagnosticCode } from '../core/validation/codes';
import { utf16Problem } from '../core/validation/fileEncodingProblem';
import { applySeverities, bySeverity } from '../core/validation/severity';
import { readSettings, type StudioSettings } from '../settings/settings';
import { analyseInSlices } from './analyseInSlices';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './toDiagnostic';

/** VS Code shows at most this many diagnostics per file; beyond it we publish a summary instead. */
const MAX_DIAGNOSTICS = 1000;

interface Tracked {
  readonly analysis: DatasetAnalysis;
  timer: NodeJS.Timeout | undefined;
  /** Bumped on every edit; a run that started on an older generation gives up instead of publishing. */
  generation: number;
  snapshot: AnalysisSnapshot | undefined;
  settings: StudioSettings;
}

/** Event fired after a document's diagnostics were published. */
export interface AnalysedEvent {
  readonly document: vscode.TextDocument;
  readonly analysis: DatasetAnalysis;
  readonly snapshot: AnalysisSnapshot;
}

/** True for documents we validate: JSONL, except a batch run's results file (records of answers, not examples). */
export function isDataset(document: vscode.TextDocument): boolean {
  return document.languageId === 'jsonl' && !isBatchResults(document);
}

/** A results file starts with a result record; validated as a dataset, every one of its lines would be flagged. */
function isBatchResults(document: vscode.TextDocument): boolean {
  return document.lineCount > 0 && parseResult(document.lineAt(0).text) !== undefined;
}

/**
 * A document's dataset lines. VS Code counts the empty line after a final newline as a line; a JSONL file ending
 * with a newline has no such line, so it is left out (a blank line anywhere else is still reported).
 */
export function datasetLines(document: vscode.TextDocument): TextSource {
  const last = document.lineCount - 1;
  const lineCount = last > 0 && document.lineAt(last).text.length === 0 ? last : document.lineCount;
  return { lineCount, lineText: (line) => document.lineAt(line).text };
}

/**
 * What the document's bytes on disk will be that its text cannot show: VS Code decodes UTF-16 for editing and would
 * save it as UTF-16 again, which the fine-tuning API rejects.
 */
function encodingProblems(document: vscode.TextDocument): Problem[] {
  const encoding = document.encoding;
  if (encoding !== 'utf16le' && encoding !== 'utf16be') return [];
  const name = encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  const remedy = 'save it as UTF-8 with "Change File Encoding" → "Save with Encoding"';
  return [utf16Problem(name, document.lineAt(0).text.length, remedy)];
}

/**
 * Debounced, incremental validation of open JSONL documents: one pending timer per document, edits invalidate only
 * their lines, results of a superseded run are dropped, diagnostics are cleared when a document closes.
 */
export class DiagnosticsManager implements vscode.Disposable {
  private readonly tracked = new Map<string, Tracked>();
  private readonly analysed = new vscode.EventEmitter<AnalysedEvent>();
  /** Fires when a document's analysis has been published. */
  readonly onDidAnalyse = this.analysed.event;

  constructor(
    private readonly collection: vscode.DiagnosticCollection,
    private readonly tokenCounter: (settings: StudioSettings) => TokenCounter | undefined,
  ) {}

  /** The latest analysis of an open document, if it is a dataset. */
  get(
    document: vscode.TextDocument,
  ): { analysis: DatasetAnalysis; snapshot: AnalysisSnapshot | undefined } | undefined {
    return this.tracked.get(document.uri.toString());
  }

  /** Starts tracking (or re-validates) a document. */
  open(document: vscode.TextDocument): void {
    if (!isDataset(document)) return;
    const key = document.uri.toString();
    if (!this.tracked.has(key)) {
      const settings = readSettings(document.uri);
      this.tracked.set(key, {
        analysis: new DatasetAnalysis(this.optionsFor(settings)),
        timer: undefined,
        generation: 0,
        snapshot: undefined,
        settings,
      });
    }
    this.schedule(document, 0);
  }

  /** Records an edit and schedules a debounced validation. */
  change(event: vscode.TextDocumentChangeEvent): void {
    const tracked = this.tracked.get(event.document.uri.toString());
    if (!tracked || event.contentChanges.length === 0) return;
    const changes: LineChange[] = event.contentChanges.map((c) => ({
      startLine: c.range.start.line,
      endLine: c.range.end.line,
      newLineCount: countLineBreaks(c.text) + 1,
    }));
    tracked.analysis.applyChanges(changes);
    tracked.generation++;
    this.schedule(event.document, tracked.settings.diagnosticsDelay);
  }

  /** Stops tracking a closed document and clears its diagnostics. */
  close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const tracked = this.tracked.get(key);
    if (tracked?.timer) clearTimeout(tracked.timer);
    if (tracked) tracked.generation = Number.NaN;
    this.tracked.delete(key);
    this.collection.delete(document.uri);
  }

  /** Re-reads settings and re-validates every tracked document. */
  settingsChanged(): void {
    for (const document of vscode.workspace.textDocuments) {
      const tracked = this.tracked.get(document.uri.toString());
      if (!tracked) continue;
      tracked.settings = readSettings(document.uri);
      tracked.analysis.setOptions(this.optionsFor(tracked.settings));
      tracked.generation++;
      this.schedule(document, 0);
    }
  }

  dispose(): void {
    for (const tracked of this.tracked.values()) if (tracked.timer) clearTimeout(tracked.timer);
    this.tracked.clear();
    this.analysed.dispose();
  }

  private optionsFor(settings: StudioSettings) {
    return { format: settings.format, severities: settings.severities, tokens: this.tokenCounter(settings) };
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const tracked = this.tracked.get(document.uri.toString());
    if (!tracked) return;
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => {
      tracked.timer = undefined;
      void this.run(document, tracked);
    }, delay);
  }

  private async run(document: vscode.TextDocument, tracked: Tracked): Promise<void> {
    const generation = tracked.generation;
    const snapshot = await analyseInSlices(
      tracked.analysis,
      datasetLines(document),
      () => tracked.generation !== generation || document.isClosed,
    );
    if (!snapshot) return;
    tracked.snapshot = snapshot;
    const problems = [
      ...applySeverities(encodingProblems(document), tracked.settings.severities),
      ...snapshot.problems,
    ];
    this.collection.set(document.uri, this.diagnosticsFor(document.uri, problems));
    this.analysed.fire({ document, analysis: tracked.analysis, snapshot });
  }

  private diagnosticsFor(uri: vscode.Uri, problems: readonly Problem[]): vscode.Diagnostic[] {
    if (problems.length <= MAX_DIAGNOSTICS) return problems.map((p) => toDiagnostic(p, uri));
    const shown = [...problems]
      .sort((a, b) => bySeverity(a, b) || a.range.start.line - b.range.start.line)
      .slice(0, MAX_DIAGNOSTICS - 1);
    const summary = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      `${problems.length - shown.length} more problems are not listed (VS Code shows ${MAX_DIAGNOSTICS} per file). Run "Fine-Tune: Show Dataset Report" for counts per code.`,
      vscode.DiagnosticSeverity.Information,
    );
    summary.code = 'ft.more-problems' satisfies DiagnosticCode;
    summary.source = DIAGNOSTIC_SOURCE;
    return [...shown.map((p) => toDiagnostic(p, uri)), summary];
  }
}
