import type { SortedNumbers } from './distribution';

/** Values in [start, end). */
export interface HistogramBin {
  readonly start: number;
  readonly end: number;
  readonly count: number;
}

/** Upper bound on bins: enough to show a shape, few enough to label in a narrow panel. */
export const MAX_HISTOGRAM_BINS = 20;

/**
 * Equal-width bins over ascending `sorted` (token counts). The width is the smallest "round" number (1, 2 or 5 times
 * a power of ten, never below 1) that covers the data in at most `maxBins` bins, and bins start at a multiple of
 * it, so edges read like 0, 500, 1000… Empty bins between data are kept; the histogram is empty for no data.
 */
export function histogramOf(sorted: SortedNumbers, maxBins: number = MAX_HISTOGRAM_BINS): HistogramBin[] {
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const width = roundWidth(min, max, maxBins);
  const first = Math.floor(min / width);
  const binCount = Math.floor(max / width) - first + 1;

  const counts = new Array<number>(binCount).fill(0);
  for (let i = 0; i < sorted.length; i++) {
    const bin = Math.floor(sorted[i]! / width) - first;
    counts[bin]!++;
  }
  return counts.map((count, bin) => ({ start: (first + bin) * width, end: (first + bin + 1) * width, count }));
}

function roundWidth(min: number, max: number, maxBins: number): number {
  for (let scale = 1; ; scale *= 10) {
    for (const step of [1, 2, 5]) {
      const width = step * scale;
      if (Math.floor(max / width) - Math.floor(min / width) + 1 <= maxBins) return width;
    }
  }
}
