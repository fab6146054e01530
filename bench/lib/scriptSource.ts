import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { ScriptSource } from './playgroundProbeApi';

const ROOT = resolve(__dirname, '..', '..');
/** Where the webview bundles are built; their source maps name sources relative to it. */
const BUNDLES = join(ROOT, 'dist', 'webview');

interface Bundle {
  readonly text: string;
  /** Offsets where each line of the bundle starts. */
  readonly lineStarts: number[];
  /** Absent for a release build (minified, no map). */
  readonly map: SourceMap | undefined;
}

/**
 * Names scripts the way a reader can find them: the source line for our webview bundles (through their source maps),
 * or the offset and the code that starts there when there is no map. Take the snapshot when the page has loaded the
 * bundles: another build may replace dist/ while the bench runs. (Webview resources are served from their path on
 * disk; the webview's content security policy lets no script fetch them back.)
 */
export class ScriptSources {
  private constructor(private readonly bundles: ReadonlyMap<string, Bundle>) {}

  /** Reads dist/webview's bundles and their maps as they are now. */
  static snapshot(): ScriptSources {
    const bundles = new Map<string, Bundle>();
    for (const name of readdirSync(BUNDLES).filter((file) => file.endsWith('.js'))) {
      const path = join(BUNDLES, name);
      const text = readFileSync(path, 'utf8');
      const lineStarts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
      const mapPath = `${path}.map`;
      const map = existsSync(mapPath) ? new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8'))) : undefined;
      bundles.set(path, { text, lineStarts, map });
    }
    return new ScriptSources(bundles);
  }

  /** `main.ts:120 (DOMWindow.onmessage event-listener)`, or the file and offset for VS Code's own scripts. */
  describe(script: ScriptSource): string {
    const where = this.position(script) ?? `${script.file}:${script.charPosition}`;
    const name = script.functionName === '' ? '' : `${script.functionName} `;
    return `${name}${where} (${script.invoker})`;
  }

  private position(script: ScriptSource): string | undefined {
    const bundle = this.bundles.get(pathOf(script.url));
    const at = script.charPosition;
    if (!bundle || at < 0) return undefined;
    if (!bundle.map) {
      // Minified: the start of the function's code says which one it is.
      return `${script.file}:${at} \`${bundle.text.slice(at, at + 60).replace(/\s+/g, ' ')}…\``;
    }
    let line = bundle.lineStarts.length - 1;
    while (line > 0 && bundle.lineStarts[line]! > at) line--;
    const entry = bundle.map.findEntry(line, at - bundle.lineStarts[line]!) as {
      originalSource?: string;
      originalLine?: number;
    };
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.startsWith('file:')
      ? new URL(entry.originalSource).pathname
      : entry.originalSource;
    return `${relative(ROOT, resolve(BUNDLES, source))}:${entry.originalLine + 1}`;
  }
}

/** The file path in a webview resource URL (`https://…vscode-resource.vscode-cdn.net/work/main/dist/…`). */
function pathOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return url;
  }
}
