/**
 * Training-data layouts of other tools that the studio converts but does not validate: a file in one of them gets
 * one "convert it" problem instead of every format check failing on every line.
 */
export interface OtherFormat {
  /** What the layout is called, with the keys that give it away, for messages. */
  readonly label: string;
  /** The `finetune-studio convert` arguments that read it (after the input file). */
  readonly convertArgs: string;
}

const ALPACA: OtherFormat = { label: 'Alpaca (instruction/input/output)', convertArgs: '--from alpaca --to chat' };
const SHAREGPT: OtherFormat = {
  label: 'ShareGPT (conversations with from/value)',
  convertArgs: '--from sharegpt --to chat',
};
const TRL_PREFERENCE: OtherFormat = {
  label: 'Hugging Face TRL preference (prompt/chosen/rejected)',
  convertArgs: '--from trl --to preference',
};

/** Question/answer pairs under other names than prompt/completion: [user field, assistant field]. */
const PAIRS: readonly (readonly [string, string])[] = [
  ['question', 'answer'],
  ['input', 'output'],
  ['query', 'response'],
  ['prompt', 'response'],
  ['instruction', 'response'],
  ['context', 'response'],
  ['human', 'assistant'],
  ['user', 'assistant'],
];
const pairFormats = new Map(
  PAIRS.map(([user, assistant]) => [
    user,
    {
      label: `question/answer pairs (${user}/${assistant})`,
      convertArgs: `--from json --user ${user} --assistant ${assistant} --to chat`,
    } satisfies OtherFormat,
  ]),
);

/** The other layout a parsed JSON object is in, if it is one (never for the OpenAI formats' own keys). */
export function otherFormatOf(value: Readonly<Record<string, unknown>>): OtherFormat | undefined {
  if ('messages' in value || 'preferred_output' in value || 'non_preferred_output' in value) return undefined;
  if (Array.isArray(value['conversations'])) return SHAREGPT;
  if ('instruction' in value && 'output' in value) return ALPACA;
  if ('chosen' in value && 'rejected' in value) return TRL_PREFERENCE;
  for (const [user, assistant] of PAIRS)
    if (typeof value[user] === 'string' && typeof value[assistant] === 'string') return pairFormats.get(user);
  return undefined;
}
