import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../rig/codeServerInstall';
import { page } from './session';
import { activeWebview, openFile, readProblems, runCommand } from './workbench';

describe('validation in the VS Code UI', () => {
  it("lists the example file's mistakes in the Problems panel", async () => {
    await openFile(page(), 'support-chat.jsonl');
    const rows = await readProblems(page(), 5);
    const text = rows.join('\n');
    for (const code of [
      'ft.json-syntax',
      'ft.role-case',
      'ft.blank-line',
      'ft.missing-assistant',
      'ft.duplicate-example',
    ]) {
      assert.match(
        text,
        new RegExp(code.replace('.', '\\.')),
        `Problems panel should list ${code}; it shows:\n${text}`,
      );
    }
  });

  it('opens the Dataset Report from the command palette', async () => {
    await openFile(page(), 'support-chat.jsonl');
    await runCommand(page(), 'Fine-Tune: Show Dataset Report');
    const report = activeWebview(page());
    await report.locator('h1', { hasText: 'Dataset Report' }).waitFor({ timeout: 30_000 });
    const examples = await report.locator('table.summary tr', { hasText: 'Examples' }).innerText();
    assert.match(examples, /Examples\s+1[0-9]/);
    await page().screenshot({ path: join(PROJECT_ROOT, 'test-results', 'screenshot.png') });
  });
});
