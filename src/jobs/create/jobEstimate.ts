import { costEstimateText, estimateJobCost } from '../../core/jobs/costEstimate';
import type { FileValidation } from '../../core/pipeline/validateFile';
import { plural } from '../../core/text/plural';
import type { JobDraft } from './jobDraft';

/**
 * The confirmation's cost lines: charged tokens and cost from the training file's statistics (the validation run
 * before its upload), or why there is no estimate.
 */
export function estimateLines(validation: FileValidation | undefined, draft: JobDraft): string[] {
  if (validation === undefined)
    return ['Estimated cost: not estimated (the training file was uploaded earlier and not read again here).'];
  if (validation.stats === undefined) return ['Estimated cost: not estimated (no token counts for this file).'];
  const estimate = estimateJobCost(validation.stats, draft);
  return [
    `Training data: ${plural(estimate.examples, 'example')}, ${estimate.tokensPerEpoch.toLocaleString('en-US')} tokens per epoch.`,
    `Estimated: ${costEstimateText(estimate)}`,
  ];
}
