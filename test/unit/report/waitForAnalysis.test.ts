import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { waitForAnalysis } from '../../../src/report/waitForAnalysis';

/** A minimal vscode.Event: listeners added and removed, fired by the test. */
function emitter<T>() {
  const listeners = new Set<(value: T) => unknown>();
  const event = ((listener: (value: T) => unknown) => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  }) as vscode.Event<T>;
  return { event, fire: (value: T) => [...listeners].forEach((listener) => listener(value)), listeners };
}

const documentNamed = (name: string, isClosed = false) => ({ fileName: name, isClosed }) as vscode.TextDocument;

describe('waitForAnalysis (the report waits for a document’s first analysis)', () => {
  it('ends when the document closes before it was analysed, and stops listening', async () => {
    const analysed = emitter<{ document: vscode.TextDocument }>();
    const closed = emitter<vscode.TextDocument>();
    const document = documentNamed('data.jsonl');

    const waiting = waitForAnalysis(document, analysed.event, closed.event);
    closed.fire(documentNamed('other.jsonl'));
    closed.fire(document);

    assert.equal(await waiting, 'closed');
    assert.equal(analysed.listeners.size + closed.listeners.size, 0);
  });

  it('ends with the analysis of its own document, not of another', async () => {
    const analysed = emitter<{ document: vscode.TextDocument }>();
    const closed = emitter<vscode.TextDocument>();
    const document = documentNamed('data.jsonl');
    const outcomes: string[] = [];

    const waiting = waitForAnalysis(document, analysed.event, closed.event).then((outcome) => outcomes.push(outcome));
    analysed.fire({ document: documentNamed('other.jsonl') });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(outcomes, []);
    analysed.fire({ document });
    await waiting;

    assert.deepEqual(outcomes, ['analysed']);
    assert.equal(analysed.listeners.size + closed.listeners.size, 0);
  });

  it('ends at once for a document that is already closed', async () => {
    const never = emitter<never>();

    assert.equal(await waitForAnalysis(documentNamed('gone.jsonl', true), never.event, never.event), 'closed');
  });
});
