import * as assert from 'node:assert/strict';
import { page } from './session';
import { answerQuickInput, openFile, runCommand, waitForActiveTab, waitForNotification } from './workbench';

/** Waits until the quick input shows the step with this title, then answers it (see `answerQuickInput`). */
async function answerStep(step: string, text: string, pickLabel?: string): Promise<void> {
  await page()
    .locator('.quick-input-widget .quick-input-title', { hasText: `Convert to Chat JSONL: ${step}` })
    .waitFor({ timeout: 30_000 });
  await answerQuickInput(page(), text, pickLabel);
}

describe('conversion in the VS Code UI', () => {
  it('converts support-conversations.csv to chat JSONL through the quick inputs and opens the result', async () => {
    await openFile(page(), 'support-conversations.csv');
    await runCommand(page(), 'Fine-Tune: Convert to Chat JSONL…');

    await answerStep('Source Format', 'CSV', 'CSV or TSV table');
    await answerStep('User Message Column', 'customer', 'customer');
    await answerStep('Assistant Response Column', 'agent', 'agent');
    await answerStep('Conversation ID Column', 'conversation_id', 'conversation_id');
    await answerStep('Turn Order Column', 'turn', 'turn');
    await answerStep('System Prompt', '');

    await waitForActiveTab(page(), 'support-conversations.chat.jsonl');
    const summary = await waitForNotification(page(), 'Converted support-conversations.csv');
    assert.match(summary, /read 7 rows: converted 7 into 5 examples in support-conversations\.chat\.jsonl, skipped 0/);
  });
});
