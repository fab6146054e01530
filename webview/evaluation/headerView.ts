// The Evaluation page's header: the file's name and its counts, or how far the first read of a large file is.
import type { EvaluationInfo } from '../../src/protocol/evaluation';
import { element, formatCount } from '../shared/dom';

/** The heading and the counts line. */
export function headerView(info: EvaluationInfo): HTMLElement[] {
  const bad = info.badLines > 0 ? ` · ${formatCount(info.badLines)} lines are not result records` : '';
  const counts = info.reading
    ? `Reading the file (${readPercent(info.reading)}%) · the first ${formatCount(info.rowCount)} prompts so far`
    : `${formatCount(info.rowCount)} prompts · ${info.models.length} models${bad}`;
  return [element('h1', {}, `Evaluation — ${info.fileName}`), element('p', { class: 'muted', role: 'status' }, counts)];
}

function readPercent(reading: NonNullable<EvaluationInfo['reading']>): number {
  return reading.byteLength === 0 ? 0 : Math.floor((reading.bytesRead / reading.byteLength) * 100);
}
