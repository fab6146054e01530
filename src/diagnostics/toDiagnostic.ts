import * as vscode from 'vscode';
import type { Problem, Range, Severity } from '../core/problem';

/** Source shown beside every diagnostic and used to recognise ours in code actions. */
export const DIAGNOSTIC_SOURCE = 'Fine-Tune Studio';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const SEVERITY_NAME = new Map<vscode.DiagnosticSeverity, Severity>(
  Object.entries(SEVERITY).map(([name, value]) => [value, name as Severity]),
);

/** Core range -> VS Code range. */
export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Core problem -> VS Code diagnostic. */
export function toDiagnostic(problem: Problem, uri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(problem.range), problem.message, SEVERITY[problem.severity]);
  diagnostic.code = problem.code;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  if (problem.related?.length) {
    diagnostic.relatedInformation = problem.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r.range)), r.message),
    );
  }
  return diagnostic;
}

/** VS Code diagnostic (ours) -> core problem, for quick fixes. */
export function toProblem(diagnostic: vscode.Diagnostic): Problem | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const { start, end } = diagnostic.range;
  return {
    code: diagnostic.code,
    severity: SEVERITY_NAME.get(diagnostic.severity) ?? 'error',
    message: diagnostic.message,
    range: {
      start: { line: start.line, character: start.character },
      end: { line: end.line, character: end.character },
    },
  };
}
