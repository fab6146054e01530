import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../src/workers/cancellableProgress';

describe('withCancellableProgress (the progress helper of worker tasks and Validate File…)', () => {
  it('resolves with the result of the work', async () => {
    const result = await withCancellableProgress('Testing progress', (_signal, onProgress) => {
      onProgress(1, 2);
      return Promise.resolve(42);
    });

    assert.equal(result, 42);
  });

  it('aborts the signal and rejects with a CancellationError when the token is cancelled', async () => {
    const source = new vscode.CancellationTokenSource();
    let seen: AbortSignal | undefined;
    const running = withCancellableProgress(
      'Testing cancel',
      (signal) => {
        seen = signal;
        return new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
      source.token,
    );
    await new Promise((resolve) => setImmediate(resolve));
    source.cancel();

    await assert.rejects(Promise.resolve(running), (error) => error instanceof vscode.CancellationError);
    assert.equal(seen?.aborted, true);
    source.dispose();
  });

  it('passes a failure of the work on as it is', async () => {
    await assert.rejects(
      Promise.resolve(withCancellableProgress('Testing failure', () => Promise.reject(new Error('disk full')))),
      /disk full/,
    );
  });
});
