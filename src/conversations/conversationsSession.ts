import type * as vscode from 'vscode';
import { compileFilter, type ExampleFilter } from '../core/conversations/exampleFilter';
import { exampleView } from '../core/conversations/exampleView';
import { FilteredLines, type FilterFacts } from '../core/conversations/filteredLines';
import { messageOf } from '../core/errors/messageOf';
import { WebviewHost, type MessagePort, type ProtocolLogger, type RequestHandlers } from '../panels/webviewHost';
import {
  conversationsProtocol,
  type ConversationRow,
  ROWS_PAGE_SIZE,
  type RowRange,
  type RowsPage,
  type ConversationsHostEvents,
  type ConversationsInfo,
  type ConversationsRequests,
  type ConversationsWebviewEvents,
  type ExampleAction,
  type ExampleEdit,
  type MatchesTarget,
  type ViewState,
} from '../protocol/conversations';
import type { ConversationSource } from './conversationSource';

/** What the view does to the file; the editor adapter implements it (a read-only source has none). */
export interface ExampleCommands {
  edit(line: number, edit: ExampleEdit): Promise<void>;
  act(line: number, action: ExampleAction): Promise<void>;
}

/** Writes the filtered examples somewhere (a new file, or a curation command's input). */
export type ExportMatches = (target: MatchesTarget, lines: AsyncIterable<string>, count: number) => Promise<void>;

/** How long edits may keep coming before a filter is applied again to the changed text. */
const REFILTER_DELAY_MS = 150;
/** Versions remembered for mapping a view version back to its document version. */
const REMEMBERED_VERSIONS = 64;
/** How long an edit from the view waits for its analysis before its text change is posted without it. */
const OWN_EDIT_ANALYSIS_WAIT_MS = 250;
/** Lines read at a time when exporting matches. */
const EXPORT_BATCH = 500;

/**
 * One open Conversations view: the filter, the list of matching lines, and the answers to the webview's requests.
 * `version` here is the view's: it changes whenever the rows may have (text, problems or matches), so the webview
 * never mixes rows of two states; edits are accepted when the document has not changed since the view's version.
 */
export class ConversationsSession implements vscode.Disposable {
  private filter: ExampleFilter = {};
  private filtered: FilteredLines;
  private scan: AbortController | undefined;
  private filterError: string | undefined;
  private viewVersion = 1;
  private readonly documentVersions = new Map<number, number>();
  private refilterTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Set while an edit from this view waits for its analysis: the text change is not posted on its own, so the view
   * fetches and draws its rows once, with their new problems, instead of twice.
   */
  private ownEdit: ReturnType<typeof setTimeout> | undefined;
  /** The ranges of rows to send with the next state: the first page, then those the view's last edit named. */
  private pagesAfterEdit: readonly RowRange[] = [];
  private readonly host: WebviewHost<ConversationsRequests, ConversationsHostEvents, ConversationsWebviewEvents>;
  private readonly subscription: vscode.Disposable;

  constructor(
    webview: MessagePort,
    private readonly source: ConversationSource,
    private readonly fileName: string,
    private readonly commands: ExampleCommands | undefined,
    private readonly exportMatches: ExportMatches,
    log: ProtocolLogger,
  ) {
    this.filtered = FilteredLines.all(source.lineCount);
    this.documentVersions.set(this.viewVersion, source.version);
    this.host = new WebviewHost(webview, this.handlers(), { protocol: conversationsProtocol, log });
    this.subscription = source.onDidChange((change) => this.sourceChanged(change.text, change.appendedAt));
    // The first state comes with the first page, which a view opened at the top draws without asking.
    this.pagesAfterEdit = [{ start: 0, count: Math.min(ROWS_PAGE_SIZE, this.filtered.matches) }];
    void this.postWithPages();
  }

  /**
   * Calls the listener with the view's state once its first screen is painted, and each time it is asked for
   * (`askViewState`).
   */
  onViewState(listener: (state: ViewState) => void): vscode.Disposable {
    return this.host.on('viewState', listener);
  }

  /** Asks the view for its state now; it comes to the `onViewState` listeners. */
  askViewState(): void {
    this.host.post('sendViewState', null);
  }

  /** Scrolls the view to a line (when it passes the filter). */
  reveal(line: number): void {
    this.host.post('reveal', { line, position: this.filtered.positionAtOrAfter(line) ?? null });
  }

  dispose(): void {
    if (this.ownEdit) clearTimeout(this.ownEdit);
    this.scan?.abort();
    if (this.refilterTimer) clearTimeout(this.refilterTimer);
    this.subscription.dispose();
    this.host.dispose();
  }

  private handlers(): RequestHandlers<ConversationsRequests> {
    return {
      rows: ({ start, count }) => this.rows(start, count),
      setFilter: ({ filter }) => this.setFilter(filter),
      findLine: ({ line }) => this.filtered.positionAtOrAfter(line) ?? null,
      nextProblem: ({ from, direction }) => this.filtered.nextWithProblem(from, direction, this.facts()) ?? null,
      edit: async ({ line, version, edit, pages }) => {
        const commands = this.commandsFor(version);
        this.pagesAfterEdit = pages ?? [];
        await this.whileEditing(() => commands.edit(line, edit));
        return null;
      },
      exampleAction: async ({ line, version, action }) => {
        const commands = this.commandsFor(version);
        if (action === 'duplicate' || action === 'delete') await this.whileEditing(() => commands.act(line, action));
        else await commands.act(line, action);
        return null;
      },
      exportMatches: async ({ target }) => {
        await this.exportMatches(target, this.matchingLines(), this.filtered.matches);
        return null;
      },
    };
  }

  /** Runs an edit of this view's; its text change is posted with its analysis (or after a short wait without one). */
  private async whileEditing(edit: () => Promise<void>): Promise<void> {
    if (this.ownEdit) clearTimeout(this.ownEdit);
    this.ownEdit = setTimeout(() => this.endOwnEdit(), OWN_EDIT_ANALYSIS_WAIT_MS);
    try {
      await edit();
    } catch (error) {
      this.endOwnEdit();
      throw error;
    }
  }

  private endOwnEdit(): void {
    if (!this.ownEdit) return;
    clearTimeout(this.ownEdit);
    this.ownEdit = undefined;
    this.post();
  }

  private async rows(start: number, count: number): Promise<{ version: number; rows: ConversationRow[] }> {
    const version = this.viewVersion;
    const end = Math.min(this.filtered.matches, start + count);
    const lines: number[] = [];
    for (let position = start; position < end; position++) lines.push(this.filtered.lineAt(position)!);
    const texts = await this.readLines(lines);
    const rows = lines.map((line, i) => {
      const tokens = this.source.tokensOf(line);
      return {
        position: start + i,
        line,
        view: exampleView(texts[i] ?? ''),
        problems: this.source.problemsOf(line),
        ...(tokens === undefined ? {} : { tokens }),
      };
    });
    return { version, rows };
  }

  /** The texts of the given lines, reading runs of consecutive lines at once. */
  private async readLines(lines: readonly number[]): Promise<string[]> {
    const texts: string[] = [];
    let i = 0;
    while (i < lines.length) {
      let j = i + 1;
      while (j < lines.length && lines[j] === lines[j - 1]! + 1) j++;
      texts.push(...(await this.source.readLines(lines[i]!, j - i)));
      i = j;
    }
    return texts;
  }

  private async *matchingLines(): AsyncGenerator<string> {
    const filtered = this.filtered;
    for (let position = 0; position < filtered.matches; position += EXPORT_BATCH) {
      const lines: number[] = [];
      const end = Math.min(filtered.matches, position + EXPORT_BATCH);
      for (let p = position; p < end; p++) lines.push(filtered.lineAt(p)!);
      yield* await this.readLines(lines);
    }
  }

  private setFilter(filter: ExampleFilter): ConversationsInfo {
    const compiled = compileFilter(filter);
    if (!compiled.ok) {
      this.filterError = compiled.reason;
      return this.info();
    }
    this.filterError = undefined;
    this.filter = filter;
    this.applyFilter();
    return this.info();
  }

  /**
   * Applies the filter to the current text. An empty filter maps positions to lines directly; any other scans the
   * file in slices, keeping the previous matches (and `scanning` set) until the scan is done.
   */
  private applyFilter(): void {
    this.scan?.abort();
    this.scan = undefined;
    const compiled = compileFilter(this.filter);
    if (!compiled.ok || compiled.empty) {
      this.replaceMatches(FilteredLines.all(this.source.lineCount));
      return;
    }
    const scan = new AbortController();
    this.scan = scan;
    FilteredLines.scan(this.source, compiled, this.facts(), { signal: scan.signal }).then(
      (filtered) => {
        if (this.scan !== scan) return;
        this.scan = undefined;
        this.replaceMatches(filtered);
      },
      (error: unknown) => {
        if (this.scan !== scan) return;
        this.scan = undefined;
        this.filterError = `The filter could not be applied: ${messageOf(error)}`;
        this.post();
      },
    );
  }

  private replaceMatches(filtered: FilteredLines): void {
    this.filtered = filtered;
    this.post();
  }

  private sourceChanged(text: boolean, appendedAt: number | undefined): void {
    // An edit's rows wait for its analysis even when its text change was posted alone (the analysis took long).
    const ownEditAnalysed = !text && (this.ownEdit !== undefined || this.pagesAfterEdit.length > 0);
    if (!text && this.ownEdit) {
      clearTimeout(this.ownEdit);
      this.ownEdit = undefined;
    }
    if (!text) {
      // Problems changed: a filter on problems or tokens may now match other lines.
      const refilter = this.filterUsesAnalysis();
      if (refilter) this.refilterSoon();
      // The view's own edit: its rows go with the state, saving the view a round trip before it can draw them.
      if (ownEditAnalysed && !refilter && this.scan === undefined) void this.postWithPages();
      else this.post();
      return;
    }
    if (compileFilter(this.filter).ok && !this.filterIsEmpty()) this.refilterSoon();
    else this.filtered = FilteredLines.all(this.source.lineCount);
    if (this.ownEdit) return;
    this.post();
    if (appendedAt !== undefined) this.reveal(appendedAt);
  }

  private refilterSoon(): void {
    if (this.refilterTimer) clearTimeout(this.refilterTimer);
    this.refilterTimer = setTimeout(() => {
      this.refilterTimer = undefined;
      this.applyFilter();
    }, REFILTER_DELAY_MS);
  }

  private filterIsEmpty(): boolean {
    const compiled = compileFilter(this.filter);
    return compiled.ok && compiled.empty;
  }

  private filterUsesAnalysis(): boolean {
    const { problems, codes, minTokens, maxTokens, duplicates } = this.filter;
    return (
      problems !== undefined ||
      (codes?.length ?? 0) > 0 ||
      minTokens !== undefined ||
      maxTokens !== undefined ||
      duplicates === true
    );
  }

  private facts(): FilterFacts {
    return {
      problemsOf: (line) => this.source.problemsOf(line),
      tokensOf: (line) => this.source.tokensOf(line),
      problemLines: this.source.problemLines(),
    };
  }

  private commandsFor(version: number): ExampleCommands {
    if (!this.commands) throw new Error(this.source.readOnly ?? 'This view is read-only.');
    if (this.documentVersions.get(version) !== this.source.version)
      throw new Error('The file changed since this example was shown; try again on the updated example.');
    return this.commands;
  }

  private post(): void {
    this.nextVersion();
    this.host.post('info', this.info());
  }

  /** Posts the new state with the rows of `pagesAfterEdit`, built from that state. */
  private async postWithPages(): Promise<void> {
    const version = this.nextVersion();
    const pages: RowsPage[] = [];
    const ranges = this.pagesAfterEdit;
    this.pagesAfterEdit = [];
    try {
      for (const { start, count } of ranges) pages.push({ start, rows: (await this.rows(start, count)).rows });
    } catch {
      // Rows that cannot be read now are asked for by the view as usual (and fail there with the reason).
      pages.length = 0;
    }
    // A newer state went out while the rows were read: this one must not follow it.
    if (this.viewVersion !== version) return;
    this.host.post('info', pages.length > 0 ? { ...this.info(), pages } : this.info());
  }

  private nextVersion(): number {
    this.viewVersion++;
    this.documentVersions.set(this.viewVersion, this.source.version);
    this.documentVersions.delete(this.viewVersion - REMEMBERED_VERSIONS);
    return this.viewVersion;
  }

  private info(): ConversationsInfo {
    const { source } = this;
    return {
      fileName: this.fileName,
      version: this.viewVersion,
      lineCount: source.lineCount,
      matches: this.filtered.matches,
      scanning: this.scan !== undefined,
      problemLines: source.problemLines().length,
      ...(source.model === undefined ? {} : { model: source.model }),
      ...(source.tokenLimit === undefined ? {} : { tokenLimit: source.tokenLimit }),
      ...(source.readOnly === undefined ? {} : { readOnly: source.readOnly }),
      ...(this.filterError === undefined ? {} : { filterError: this.filterError }),
    };
  }
}
