import { FORMAT_DETECTION_MAX_LINES, FORMAT_DETECTION_SAMPLE } from '../defaults';
import { detectFile, isDetectionSample, type Detection } from '../format/detect';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';

/**
 * Detects the format of a text's lines (an open document's) the way the editor's validation does: from its first
 * sample lines, up to the same caps, so a save agrees with the diagnostics the file shows.
 */
export function detectLinesFormat(lineCount: number, lineText: (line: number) => string): Detection {
  const sample: LineAnalysis[] = [];
  const end = Math.min(lineCount, FORMAT_DETECTION_MAX_LINES);
  for (let line = 0; line < end && sample.length < FORMAT_DETECTION_SAMPLE; line++) {
    const analysis = analyzeLine(lineText(line), line, undefined);
    if (isDetectionSample(analysis)) sample.push(analysis);
  }
  return detectFile(sample);
}
