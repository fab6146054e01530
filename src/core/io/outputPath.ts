import { join, parse } from 'node:path';

/**
 * The default output path next to an input: the input's extension is replaced by `.<suffix>.jsonl`, so
 * `data.jsonl` + `train` gives `data.train.jsonl` and `tweets.csv` + `chat` gives `tweets.chat.jsonl`.
 */
export function outputPathFor(inputPath: string, suffix: string): string {
  const { dir, name } = parse(inputPath);
  return join(dir, `${name}.${suffix}.jsonl`);
}
