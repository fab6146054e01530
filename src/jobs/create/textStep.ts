import type { Read } from './jobInputs';
import { BACK, inputStep, type StepPlace, type StepResult } from './stepInput';

/** A typed answer: the box refuses text `read` cannot read, and `keep` gets the value read from accepted text. */
export async function askText<T>(
  place: StepPlace,
  options: {
    prompt: string;
    placeholder?: string;
    value?: string;
    read: (text: string) => Read<T>;
    keep: (value: T) => void;
  },
): Promise<StepResult<unknown>> {
  const text = await inputStep(place, {
    prompt: options.prompt,
    placeholder: options.placeholder,
    value: options.value,
    validate: (typed) => {
      const read = options.read(typed);
      return read.ok ? undefined : read.problem;
    },
  });
  if (text === undefined || text === BACK) return text;
  const read = options.read(text);
  if (read.ok) options.keep(read.value);
  return text;
}
