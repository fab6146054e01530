// Steps of the fine-tuning flow that the jobs and story e2e files share: adding a connection to a simulator and
// answering "Create Fine-Tuning Job…" through its real quick inputs.
import type { Locator } from 'playwright-core';
import { page } from './session';
import { answerQuickInput, pickExactRow, runCommand, waitForNotification } from './workbench';

export const UI_TIMEOUT = 30_000;

/** The Fine-Tuning container in the activity bar: there once the extension's contributions are loaded. */
export function fineTuningActivity(): Locator {
  return page().locator('#workbench\\.parts\\.activitybar .action-label[aria-label^="Fine-Tuning"]');
}

/** Adds an "Other URL" connection through Add Connection's quick inputs. */
export async function addConnection(name: string, url: string): Promise<void> {
  // A file run alone can get here before the extension is loaded.
  await fineTuningActivity().waitFor({ timeout: 120_000 });
  await runCommand(page(), 'Fine-Tune: Add Connection…');
  await answerQuickInput(page(), 'Other URL', 'Other URL…');
  await page().locator('.quick-input-widget', { hasText: 'Connection name' }).waitFor({ timeout: UI_TIMEOUT });
  await answerQuickInput(page(), name);
  await page().locator('.quick-input-widget', { hasText: 'Base URL' }).waitFor({ timeout: UI_TIMEOUT });
  await answerQuickInput(page(), url);
  await waitForNotification(page(), `Added ${name}`);
}

/** Waits for the create flow's step `n` (its title says "(n/…)"). */
async function atStep(n: number): Promise<void> {
  await page()
    .locator('.quick-input-widget .quick-input-title', { hasText: `Create Fine-Tuning Job (${n}/` })
    .waitFor({ timeout: UI_TIMEOUT });
}

export interface CreateChoices {
  readonly connection: string;
  readonly model: string;
  /** The training file's name. */
  readonly training: string;
  /** Take the earlier upload of it rather than the local file (which is uploaded on launch). */
  readonly trainingUploaded?: boolean;
  readonly validation?: string;
  readonly suffix: string;
}

/** Answers every question of "Create Fine-Tuning Job…" (supervised, auto hyperparameters) as a person would. */
export async function createThroughSteps(choices: CreateChoices): Promise<void> {
  await runCommand(page(), 'Fine-Tune: Create Fine-Tuning Job…');
  await atStep(1);
  await pickExactRow(page(), choices.connection, choices.connection);
  await atStep(2);
  await pickExactRow(page(), choices.model, choices.model);
  await atStep(3);
  await answerQuickInput(page(), 'Supervised', 'Supervised');
  await atStep(4);
  // Rows read "<label> <description>": "… workspace · …" or "… file-… · uploaded …".
  if (choices.trainingUploaded === true) await pickExactRow(page(), choices.training, /· uploaded /, true);
  else await pickExactRow(page(), choices.training, choices.training);
  await atStep(5);
  if (choices.validation === undefined) await pickExactRow(page(), 'None', 'None');
  else await pickExactRow(page(), choices.validation, choices.validation);
  await atStep(6);
  await pickExactRow(page(), 'Auto', 'Auto');
  await atStep(7);
  await answerQuickInput(page(), choices.suffix);
  await atStep(8);
  await answerQuickInput(page(), '');
  await atStep(9);
  await answerQuickInput(page(), '');
}

/**
 * Clicks a job's row until its detail tab is active. The tree redraws the row at every poll of a running job, and a
 * click that lands mid-redraw is lost.
 */
export async function openJobDetail(row: Locator, tab: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await row.click();
    try {
      await tab.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
