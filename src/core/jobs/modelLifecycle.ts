/**
 * When fine-tuning and fine-tunable models go away, as the providers published it. This table is the only place
 * these dates live: the create flow, the model pickers and a fine-tuned model's tooltip all read it. Update a row (and
 * its source) when a provider changes a date; add a row rather than guessing one.
 */

import { baseModelName } from '../models/modelLookup';
import { plural } from '../text/plural';

const OPENAI_DEPRECATIONS = 'https://developers.openai.com/api/docs/deprecations';
const AZURE_RETIREMENTS = 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements';

export type LifecycleProvider = 'openai' | 'azure';

export interface LifecycleRow {
  provider: LifecycleProvider;
  /** What ends: creating fine-tuning jobs, calling models (and fine-tunes built on them), or Azure deployments. */
  ends: 'new-fine-tuning-jobs' | 'models' | 'fine-tuned-deployments';
  /** YYYY-MM-DD; YYYY-MM when only the month is published. */
  date: string;
  /** `on`: it ends that day; `not-before`: it lasts at least until then (Azure's commitment). */
  when: 'on' | 'not-before';
  /** Who or what the row applies to, in words. */
  appliesTo: string;
  /**
   * `models` rows: families (the undated name, matching it and its dated snapshots `<family>-YYYY-MM-DD`) and exact
   * snapshot names. Fine-tuned models match by the model they were trained from.
   */
  families?: readonly string[];
  snapshots?: readonly string[];
  /** Where it was published, and the date of the announcement when known. */
  source: string;
  announced?: string;
}

/** The table: OpenAI's staged end of self-serve fine-tuning, model shutdowns, and Azure OpenAI's commitment. */
export const LIFECYCLE_TABLE: readonly LifecycleRow[] = [
  {
    provider: 'openai',
    ends: 'new-fine-tuning-jobs',
    date: '2026-05-07',
    when: 'on',
    appliesTo: 'organisations that had never run fine-tuning',
    source: OPENAI_DEPRECATIONS,
    announced: '2026-05-07',
  },
  {
    provider: 'openai',
    ends: 'new-fine-tuning-jobs',
    date: '2026-07-02',
    when: 'on',
    appliesTo: 'organisations without inference on a fine-tuned model in the past 60 days',
    source: OPENAI_DEPRECATIONS,
    announced: '2026-05-07',
  },
  {
    provider: 'openai',
    ends: 'new-fine-tuning-jobs',
    date: '2027-01-06',
    when: 'on',
    appliesTo: 'every organisation',
    source: OPENAI_DEPRECATIONS,
    announced: '2026-05-07',
  },
  {
    provider: 'openai',
    ends: 'models',
    date: '2027-01-14',
    when: 'on',
    appliesTo: 'the gpt-4o, gpt-4o-mini, gpt-4.1 and gpt-4.1-mini snapshots and the fine-tunes built on them',
    families: ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini'],
    source: OPENAI_DEPRECATIONS,
    announced: '2026-10-14',
  },
  {
    provider: 'openai',
    ends: 'models',
    date: '2026-10-23',
    when: 'on',
    appliesTo: 'legacy snapshots (gpt-3.5-turbo-0125, gpt-4o-2024-05-13, gpt-4.1-nano, o4-mini) and their fine-tunes',
    families: ['gpt-4.1-nano', 'o4-mini'],
    snapshots: ['gpt-4o-2024-05-13', 'gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    source: OPENAI_DEPRECATIONS,
    announced: '2026-04-22',
  },
  {
    provider: 'azure',
    ends: 'new-fine-tuning-jobs',
    date: '2027-04',
    when: 'not-before',
    appliesTo: 'existing customers',
    source: AZURE_RETIREMENTS,
  },
  {
    provider: 'azure',
    ends: 'fine-tuned-deployments',
    date: '2027-10',
    when: 'not-before',
    appliesTo: 'deployments of fine-tuned models',
    source: AZURE_RETIREMENTS,
  },
];

/** What is known about a model's end, for the model pickers, the create flow and a fine-tuned model's tooltip. */
export interface ModelLifecycle {
  /** The model the row matched: the base of a fine-tuned model, normalised. */
  baseModel: string;
  fineTuned: boolean;
  /** When the model (and fine-tunes built on it) stop answering; undefined when no date is published. */
  shutdown?: LifecycleRow;
  /** When creating fine-tuning jobs ends for the provider (every stage, oldest first). */
  fineTuningEnds: LifecycleRow[];
  /** Azure: how long fine-tuned deployments stay. */
  deploymentsEnd?: LifecycleRow;
}

const DATED_SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;

/**
 * The lifecycle of a model name as a provider serves it: a family alias (`gpt-4o-mini`), a dated snapshot
 * (`gpt-4o-mini-2024-07-18`), or a fine-tuned model (`ft:gpt-4o-mini-2024-07-18:org::id`, Azure's
 * `gpt-4o-mini-2024-07-18.ft-<id>`), matched by the model it was trained from. OpenAI's model shutdowns do not
 * apply to Azure, which retires models on its own schedule.
 */
export function lifecycleOf(model: string, provider: LifecycleProvider = 'openai'): ModelLifecycle {
  const name = model.trim().toLowerCase();
  const baseModel = baseModelName(model);
  const fineTuned = name.startsWith('ft:') || /\.ft-[0-9a-z]+$/.test(name);
  const rows = LIFECYCLE_TABLE.filter((row) => row.provider === provider);
  const lifecycle: ModelLifecycle = {
    baseModel,
    fineTuned,
    fineTuningEnds: rows
      .filter((row) => row.ends === 'new-fine-tuning-jobs')
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
  const shutdown = shutdownRow(rows, baseModel);
  if (shutdown !== undefined) lifecycle.shutdown = shutdown;
  const deployments = rows.find((row) => row.ends === 'fine-tuned-deployments');
  if (deployments !== undefined) lifecycle.deploymentsEnd = deployments;
  return lifecycle;
}

function shutdownRow(rows: readonly LifecycleRow[], baseModel: string): LifecycleRow | undefined {
  const models = rows.filter((row) => row.ends === 'models');
  // An exact snapshot wins over its family (gpt-4o-2024-05-13 ends before the rest of gpt-4o).
  const exact = models.find((row) => row.snapshots?.includes(baseModel) === true);
  if (exact !== undefined) return exact;
  const family = DATED_SNAPSHOT.exec(baseModel)?.[1] ?? baseModel;
  return models.find((row) => row.families?.includes(family) === true);
}

/** Days from `today` to `date` (both YYYY-MM-DD, or YYYY-MM counted from the 1st); negative when past. */
export function daysUntil(date: string, today: string): number {
  const day = (text: string) => Date.parse(`${text.length === 7 ? `${text}-01` : text.slice(0, 10)}T00:00:00Z`);
  return Math.round((day(date) - day(today)) / 86_400_000);
}

/** `on 2027-01-14 (in 39 days)`, `on 2026-10-23 (44 days ago)`, `until at least 2027-04`. */
export function whenText(row: LifecycleRow, today: string): string {
  if (row.when === 'not-before') return `until at least ${row.date}`;
  const days = daysUntil(row.date, today);
  const relative = days === 0 ? 'today' : days > 0 ? `in ${plural(days, 'day')}` : `${plural(-days, 'day')} ago`;
  return `on ${row.date} (${relative})`;
}

/**
 * One line about a model's shutdown for pickers and tooltips, or undefined when no date is published:
 * `gpt-4o-mini-2024-07-18 and its fine-tunes shut down on 2027-01-14 (in 39 days).` `today` is YYYY-MM-DD (UTC).
 */
export function shutdownText(model: string, today: string, provider: LifecycleProvider = 'openai'): string | undefined {
  const { shutdown, baseModel, fineTuned } = lifecycleOf(model, provider);
  if (shutdown === undefined) return undefined;
  const past = shutdown.when === 'on' && daysUntil(shutdown.date, today) < 0;
  const subject = fineTuned ? `This fine-tune of ${baseModel}` : `${baseModel} and its fine-tunes`;
  const verb = past ? (fineTuned ? 'was shut down' : 'were shut down') : fineTuned ? 'shuts down' : 'shut down';
  return `${subject} ${verb} ${whenText(shutdown, today)}.`;
}

/** Today as YYYY-MM-DD in UTC, the form the table uses. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * What the create flow says about the provider's end of fine-tuning, or undefined when nothing is published:
 * OpenAI's next (or last) stage, Azure's commitment.
 */
export function fineTuningNotice(provider: LifecycleProvider, today: string): string | undefined {
  const stages = LIFECYCLE_TABLE.filter((row) => row.provider === provider && row.ends === 'new-fine-tuning-jobs');
  if (stages.length === 0) return undefined;
  if (provider === 'azure') {
    const deployments = LIFECYCLE_TABLE.find(
      (row) => row.provider === 'azure' && row.ends === 'fine-tuned-deployments',
    );
    const stage = stages[stages.length - 1]!;
    return (
      `Azure OpenAI keeps fine-tuning for ${stage.appliesTo} ${whenText(stage, today)}` +
      (deployments === undefined ? '.' : `, and fine-tuned deployments ${whenText(deployments, today)}.`)
    );
  }
  const last = stages[stages.length - 1]!;
  if (daysUntil(last.date, today) < 0)
    return `OpenAI closed self-serve fine-tuning: no organisation can create new jobs since ${last.date}.`;
  return `OpenAI is closing self-serve fine-tuning: new jobs end for ${last.appliesTo} ${whenText(last, today)}.`;
}

/** The alternatives offered when a provider refuses fine-tuning: commands the user can run. */
export interface RefusalAlternative {
  label: string;
  command: string;
}

export interface FineTuningRefusal {
  /** Why, and what to do instead, in words. */
  explanation: string;
  alternatives: RefusalAlternative[];
}

const FINE_TUNING = String.raw`fine[-_ ]?tun(?:e|es|ed|ing)`;
/** The API's way of saying fine-tuning is closed to the caller, in the many forms it could take. */
const REFUSAL_MESSAGES = [
  new RegExp(
    String.raw`${FINE_TUNING}\b[^.]*?\b(?:is|are)?\s*(?:not|no longer|un)[- ]?(?:currently\s+)?(?:available|accessible|enabled|allowed|permitted|offered)`,
    'i',
  ),
  new RegExp(
    String.raw`\b(?:not|no longer)\s+(?:be\s+)?(?:available|accessible|allowed|permitted|eligible|able)\b[^.]*?${FINE_TUNING}`,
    'i',
  ),
  new RegExp(String.raw`(?:wind(?:ing)?|wound)[- ]down[^.]*?${FINE_TUNING}|self[- ]serve ${FINE_TUNING}`, 'i'),
  new RegExp(String.raw`(?:does not|doesn't|do not) have access to ${FINE_TUNING}`, 'i'),
];
/** About the caller (organisation, account), not about one model or file. */
const ABOUT_CALLER =
  /organi[sz]ation|\borg\b|account|project|self[- ]serve|platform|no longer|wind|wound|customers?|users?/i;
/** Refusals that are about something else: an unknown model, a key without the fine-tuning scope. */
const OTHER_CAUSES =
  /does not exist|missing scopes?|insufficient permissions for this operation|invalid model|model_not_found/i;
const REFUSAL_CODES =
  /^(?:fine_?tuning_(?:not_available|unavailable|disabled|not_allowed|not_permitted|closed)|(?:organization|org)_not_(?:allowed|eligible)_for_fine_?tuning)$/i;

/**
 * Recognises the API's refusal to create a job because fine-tuning is not available to the organisation (OpenAI's
 * wind-down of self-serve fine-tuning), by its error code or message, liberally: providers wrap SDK errors, so the
 * message, `code`, `serverMessage`, the SDK's `error` body and the `cause` chain are all read. Returns the
 * explanation with the alternatives, or undefined when the error is something else.
 */
export function fineTuningRefusal(error: unknown, today: string = todayUtc()): FineTuningRefusal | undefined {
  const texts: string[] = [];
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    if (typeof current === 'string') {
      texts.push(current);
      break;
    }
    if (typeof current !== 'object') break;
    const record = current as Record<string, unknown>;
    for (const key of ['message', 'serverMessage']) if (typeof record[key] === 'string') texts.push(record[key]);
    if (typeof record.code === 'string') codes.push(record.code);
    const body = record.error;
    if (typeof body === 'object' && body !== null) {
      const { message, code } = body as Record<string, unknown>;
      if (typeof message === 'string') texts.push(message);
      if (typeof code === 'string') codes.push(code);
    }
    current = record.cause;
  }
  const byCode = codes.some((code) => REFUSAL_CODES.test(code));
  const byMessage = texts.some(
    (text) =>
      !OTHER_CAUSES.test(text) && ABOUT_CALLER.test(text) && REFUSAL_MESSAGES.some((pattern) => pattern.test(text)),
  );
  return byCode || byMessage ? refusalExplanation(today) : undefined;
}

/** The explanation shown for a refusal: OpenAI's stages from the table, and what we support instead. */
export function refusalExplanation(today: string = todayUtc()): FineTuningRefusal {
  const stages = LIFECYCLE_TABLE.filter((row) => row.provider === 'openai' && row.ends === 'new-fine-tuning-jobs')
    .map((row) => `${row.appliesTo} ${daysUntil(row.date, today) < 0 ? 'since' : 'from'} ${row.date}`)
    .join('; ');
  const azure = LIFECYCLE_TABLE.find((row) => row.provider === 'azure' && row.ends === 'new-fine-tuning-jobs');
  const explanation =
    `The server refused to create the job: fine-tuning is not available to this organisation. OpenAI is closing ` +
    `self-serve fine-tuning in stages — new jobs are refused to ${stages} (${OPENAI_DEPRECATIONS}). ` +
    `Fine-tuned models you already have keep answering until their base model shuts down. ` +
    `Alternatives: fine-tune on Azure OpenAI` +
    (azure === undefined ? '' : `, which keeps fine-tuning for existing customers ${whenText(azure, today)}`) +
    ` (add an Azure OpenAI connection), or export the dataset with “Export Dataset As…” for other trainers ` +
    `(TRL, Axolotl, Unsloth: ShareGPT, TRL or Alpaca format).`;
  return {
    explanation,
    alternatives: [
      { label: 'Add Azure OpenAI Connection…', command: 'fineTuneStudio.addConnection' },
      { label: 'Export Dataset As…', command: 'fineTuneStudio.exportAs' },
    ],
  };
}
