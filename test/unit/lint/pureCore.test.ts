import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';

// The project's real lint configuration must reject a `vscode` import in src/core (it runs in workers and the CLI).
describe('lint: src/core stays pure', function () {
  this.timeout(60_000);
  const root = join(__dirname, '..', '..', '..');
  const probe = join(root, 'src', 'core', 'lintProbe.ts');

  after(() => rmSync(probe, { force: true }));

  async function lintProbe(source: string): Promise<string[]> {
    writeFileSync(probe, source);
    const [result] = await new ESLint({ cwd: root }).lintFiles([probe]);
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
  }

  it('fails on a vscode import', async () => {
    const messages = await lintProbe("import * as vscode from 'vscode';\nexport const uri = vscode.Uri.file('/');\n");
    assert.ok(
      messages.some((m) => m.startsWith('no-restricted-imports')),
      messages.join('\n'),
    );
  });

  it('fails on an import of an adapter outside src/core', async () => {
    const messages = await lintProbe("import { activate } from '../extension';\nexport const start = activate;\n");
    assert.ok(
      messages.some((m) => m.startsWith('studio/stay-in-core')),
      messages.join('\n'),
    );
  });

  it('passes pure code', async () => {
    assert.deepEqual(
      await lintProbe("import { lineRange } from './problem';\nexport const range = lineRange(0, 0, 1);\n"),
      [],
    );
  });
});
