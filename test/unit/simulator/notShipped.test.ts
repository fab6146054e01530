import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('simulator: never shipped', () => {
  it('no code that is bundled (src/, webview/) imports the simulator, so no bundle can carry it', () => {
    const simulator = join(root, 'simulator');
    const offenders = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'webview'))].filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require)\s*\(?\s*['"](\.[^'"]+)['"]/g)].some(
        ([, specifier]) => !relative(simulator, resolve(dirname(file), specifier ?? '')).startsWith('..'),
      ),
    );
    assert.deepEqual(offenders, []);
  });

  it('.vscodeignore leaves everything out but the listed files, and lists nothing of the simulator', () => {
    const rules = readFileSync(join(root, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    assert.equal(rules[0], '**');
    assert.deepEqual(
      rules.filter((rule) => rule.startsWith('!') && /simulator|^!\*|^!\.\*/.test(rule.slice(1))),
      [],
    );
  });
});
