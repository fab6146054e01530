import { SourceMap } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type { ScriptSource } from './playgroundProbeApi';

const ROOT = resolve(__dirname, '..', '..');
/** Where the webview bundles are built; their source maps name sources relative to it. */
const BUNDLES = join(ROOT, 'dist', 'webview');

/** Reads a URL the page loaded; undefined when it cannot (e.g. a 404 for a map a release build does not have). */
export type FetchText = (url: string) => Promise<string | undefined>;

interface Bundle {
  readonly text: string;
  /** Offsets where each line of the bundle starts. */
  readonly lineStarts: number[];
  /** Absent for a release build (minified, no map). */
  readonly map: SourceMap | undefined;
}

/**
 * Names scripts the way a reader can find them: the source line for our bundles (through their source maps), or the
 * offset and the code that starts there when there is no map. Bundles are fetched from the page that ran them, so
 * the names are right even when another build replaced dist/ meanwhile.
 */
export class ScriptSources {
  private readonly bundles = new Map<string, Bundle>();

  constructor(private readonly fetchText: FetchText) {}

  /** Fetches the bundles of these scripts that are ours (dist/webview/*.js), with their maps when there are. */
  async load(scripts: readonly ScriptSource[]): Promise<void> {
    const urls = new Set(scripts.filter((script) => isOurBundle(script.url)).map((script) => script.url));
    for (const url of urls) {
      if (this.bundles.has(url)) continue;
      const text = await this.fetchText(url);
      if (text === undefined) continue;
      const map = await this.fetchText(`${url}.map`);
      const lineStarts = [0];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
      this.bundles.set(url, { text, lineStarts, map: map === undefined ? undefined : new SourceMap(JSON.parse(map)) });
    }
  }

  /** `main.ts:120 (DOMWindow.onmessage event-listener)`, or the file and offset for VS Code's own scripts. */
  describe(script: ScriptSource): string {
    const where = this.position(script) ?? `${script.file}:${script.charPosition}`;
    const name = script.functionName === '' ? '' : `${script.functionName} `;
    return `${name}${where} (${script.invoker})`;
  }

  private position(script: ScriptSource): string | undefined {
    const bundle = this.bundles.get(script.url);
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

function isOurBundle(url: string): boolean {
  return /\/dist\/webview\/[\w-]+\.js$/.test(url.replace(/[?#].*$/, ''));
}
