import { FORMAT_DETECTION_MAX_LINES, FORMAT_DETECTION_SAMPLE } from '../defaults';
import { detectFile, isDetectionSample, type Detection } from '../format/detect';
import { fileChunks } from '../io/fileChunks';
import { readLineBatches } from '../jsonl/byteLines';
import { analyzeLine, type LineAnalysis } from '../validation/lineAnalysis';

const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Detects a file's format (or other tool's layout) from its first lines, until enough samples or a cap, reading
 * only the top of the file, so that the full pass can check every line against the format from the start.
 */
export async function detectFileFormat(
  path: string,
  options: { maxLineBytes: number; signal?: AbortSignal | undefined },
): Promise<Detection> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop);
  const sample: LineAnalysis[] = [];
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  try {
    outer: for await (const batch of readLineBatches(fileChunks(path, { signal: controller.signal }), {
      maxLineBytes: options.maxLineBytes,
    })) {
      for (const line of batch) {
        bytes += line.byteLength;
        if (!line.truncated) {
          const analysis = analyzeLine(decoder.decode(line.bytes), line.line, undefined);
          if (isDetectionSample(analysis)) sample.push(analysis);
        }
        if (
          sample.length >= FORMAT_DETECTION_SAMPLE ||
          line.line + 1 >= FORMAT_DETECTION_MAX_LINES ||
          bytes >= MAX_BYTES
        )
          break outer;
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    controller.abort();
  }
  options.signal?.throwIfAborted();
  return detectFile(sample);
}
