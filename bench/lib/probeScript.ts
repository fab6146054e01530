import { join } from 'node:path';
import { build } from 'esbuild';

/** A probe from bench/probes/ bundled into one script for the browser, to be evaluated in a webview's frame. */
export async function probeScript(name: string): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'probes', `${name}.ts`)],
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}
