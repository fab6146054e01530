import type * as vscode from 'vscode';

/** A class that owns several disposables (listeners, emitters, channels) and releases them all at once. */
export abstract class DisposableBase implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Keeps `disposable` until this is disposed (at once when it already is) and returns it. */
  protected own<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.owned.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // Newest first, so a listener goes before the emitter it listens to.
    for (const disposable of this.owned.splice(0).reverse()) disposable.dispose();
  }
}
