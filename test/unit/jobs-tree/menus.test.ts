import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobAction } from '../../../src/core/jobs/jobState';
import { jobContextValue } from '../../../src/jobs/tree/nodePresentation';
import { job } from './fakes';

interface MenuEntry {
  command: string;
  when: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, MenuEntry[]> };
};
const entries = manifest.contributes.menus['view/item/context'] ?? [];

/** The `viewItem =~ /…/` of a when clause, as the RegExp VS Code builds from it. */
function viewItemPattern(when: string): RegExp | undefined {
  const match = /viewItem =~ \/(.*)\/$/.exec(when);
  return match === null ? undefined : new RegExp(match[1]!);
}

/** Which action of jobState each job menu command stands for. */
const ACTIONS: Record<string, JobAction> = {
  'fineTuneStudio.jobs.cancel': 'cancel',
  'fineTuneStudio.jobs.pause': 'pause',
  'fineTuneStudio.jobs.resume': 'resume',
  'fineTuneStudio.jobs.rerun': 'rerun',
  'fineTuneStudio.jobs.openInPlayground': 'openInPlayground',
  'fineTuneStudio.jobs.copyJobId': 'copyJobId',
  'fineTuneStudio.jobs.copyModelId': 'copyModelId',
  'fineTuneStudio.jobs.downloadResultFile': 'downloadResults',
  'fineTuneStudio.jobs.openTrainingFile': 'openTrainingFile',
  'fineTuneStudio.jobs.showError': 'showError',
};

describe('jobs view: context menus by state (package.json)', () => {
  const capabilities = { methods: [], pause: true, trainingTypes: [] };
  const jobs = [
    job('a', 'running'),
    job('b', 'paused'),
    job('c', 'cancelled'),
    job('d', 'succeeded', { fineTunedModel: 'ft:x', resultFiles: ['file-r'], metadata: { fts_file: 'train.jsonl' } }),
    job('e', 'failed', { error: { message: 'bad' } }),
    job('f', 'cancelling'),
    job('g', 'a status from the future'),
  ];

  it('every menu entry names a contributed command and only this view', () => {
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const mine = entries.filter((entry) => entry.when.startsWith('view == fineTuneStudioJobs'));
    assert.ok(mine.length > 10);
    for (const entry of mine) assert.ok(commands.has(entry.command), entry.command);
  });

  it('a job’s menu holds exactly the actions jobState says apply to it', () => {
    for (const subject of jobs) {
      const value = jobContextValue(subject, capabilities);
      const shown = new Set(
        entries
          .filter((entry) => entry.command in ACTIONS && viewItemPattern(entry.when)?.source.startsWith('^job:'))
          .filter((entry) => viewItemPattern(entry.when)!.test(value))
          .map((entry) => ACTIONS[entry.command]),
      );
      const expected = new Set(value.split(',').slice(1));
      assert.deepEqual(shown, expected, `${subject.status}: ${value}`);
    }
  });
});
