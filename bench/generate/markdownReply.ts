import { loadEncoding } from '../../src/core/tokens/encoding';
import type { BenchRandom } from '../lib/random';

// Phrases for a long technical answer of the kind a chat model streams: prose with inline code and emphasis,
// nested lists, fenced code in several languages, tables and headings.
const TOPICS = [
  'Preparing the dataset',
  'Choosing a base model',
  'Validation and token limits',
  'Hyperparameters',
  'Evaluating the fine-tuned model',
  'Deploying and monitoring',
  'Cost estimate',
  'Troubleshooting',
];
const SENTENCES = [
  'Every example must end with an `assistant` message, because that is the text the model learns to produce.',
  'Keep the **system prompt** identical across examples unless you want the model to depend on it.',
  'Run `finetune-studio validate data.jsonl --model gpt-4o-mini` before uploading, and fix every error it lists.',
  'A learning rate multiplier between `0.05` and `0.2` is a reasonable start for most chat datasets.',
  'Duplicates inflate the apparent size of the data set and make the validation loss look *better than it is*.',
  'Split off about ten percent of the examples for validation, with a fixed `seed` so the split can be repeated.',
  'Long conversations are truncated at the example limit, so the last turns are the ones that get lost.',
  'The trained model inherits the base model’s tokenizer, so token counts measured now stay valid later.',
  'Watch the training loss per step: a curve that flattens early usually means the epochs can be reduced.',
  'Prefer many short, consistent examples over a few long ones that mix several tasks.',
  'Compare the fine-tuned model with the base model on the **same prompts**, side by side, before switching.',
  'A reply that stops with `finish_reason: "length"` hit `max_tokens`, not the end of what the model wanted to say.',
];
const LIST_ITEMS = [
  'check that every line parses as JSON',
  'remove examples over the `65,536`-token limit',
  'normalise whitespace in `content` fields',
  'drop conversations without an assistant turn',
  'count tokens with the model’s own encoding',
  'keep a copy of the raw export',
  'record the seed used for shuffling',
  'estimate the cost from the charged tokens',
  'look at the token histogram for outliers',
  'sample twenty examples and read them',
];
const CODE_BLOCKS: readonly (readonly [string, string])[] = [
  [
    'ts',
    [
      "import OpenAI from 'openai';",
      '',
      'const client = new OpenAI();',
      'const job = await client.fineTuning.jobs.create({',
      "  model: 'gpt-4o-mini-2024-07-18',",
      '  training_file: trainingFile.id,',
      '  hyperparameters: { n_epochs: 3 },',
      '});',
      'console.log(`started ${job.id}: ${job.status}`);',
    ].join('\n'),
  ],
  [
    'python',
    [
      'import json',
      '',
      'def load_examples(path):',
      '    with open(path, encoding="utf-8") as file:',
      '        for number, line in enumerate(file, start=1):',
      '            if line.strip():',
      '                yield number, json.loads(line)',
      '',
      'total = sum(1 for _ in load_examples("train.jsonl"))',
      'print(f"{total} examples")',
    ].join('\n'),
  ],
  [
    'json',
    [
      '{',
      '  "messages": [',
      '    { "role": "system", "content": "You are a helpful support agent." },',
      '    { "role": "user", "content": "Where is my order ORD-48213?" },',
      '    { "role": "assistant", "content": "It left our warehouse yesterday and arrives on Friday." }',
      '  ]',
      '}',
    ].join('\n'),
  ],
  [
    'bash',
    [
      'node dist/cli.js split data.jsonl --ratio 0.9 --seed 42',
      'node dist/cli.js dedupe data.train.jsonl',
      'node dist/cli.js stats data.train.jsonl --model gpt-4o-mini --json > stats.json',
    ].join('\n'),
  ],
];

function paragraph(random: BenchRandom): string {
  const count = random.int(2, 5);
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) sentences.push(random.pick(SENTENCES));
  return sentences.join(' ');
}

function bulletList(random: BenchRandom): string {
  const lines: string[] = [];
  const count = random.int(3, 7);
  for (let i = 0; i < count; i++) {
    lines.push(`- ${random.pick(LIST_ITEMS)}`);
    // Nested items, indented under their parent.
    if (random.chance(0.3)) lines.push(`  - ${random.pick(LIST_ITEMS)}`, `  - ${random.pick(LIST_ITEMS)}`);
  }
  return lines.join('\n');
}

function numberedList(random: BenchRandom): string {
  const lines: string[] = [];
  const count = random.int(3, 6);
  for (let i = 1; i <= count; i++) lines.push(`${i}. ${random.pick(SENTENCES)}`);
  return lines.join('\n');
}

function table(random: BenchRandom): string {
  const rows = ['| Setting | Value | Why |', '| --- | ---: | --- |'];
  const count = random.int(3, 6);
  for (let i = 0; i < count; i++)
    rows.push(
      `| \`${random.pick(['n_epochs', 'batch_size', 'learning_rate_multiplier', 'seed', 'suffix'])}\` | ${random.int(1, 500)} | ${random.pick(LIST_ITEMS)} |`,
    );
  return rows.join('\n');
}

function codeFence(random: BenchRandom): string {
  const [language, code] = random.pick(CODE_BLOCKS);
  return `\`\`\`${language}\n${code}\n\`\`\``;
}

/** One section: a heading, then a mix of prose, lists, a table and code. */
function section(index: number, random: BenchRandom): string {
  const blocks = [`## ${index + 1}. ${random.pick(TOPICS)}`, paragraph(random)];
  const count = random.int(3, 6);
  for (let i = 0; i < count; i++) {
    const kind = random.int(0, 4);
    if (kind === 0) blocks.push(bulletList(random));
    else if (kind === 1) blocks.push(numberedList(random));
    else if (kind === 2) blocks.push(table(random));
    else if (kind === 3) blocks.push(codeFence(random));
    else blocks.push(`### ${random.pick(TOPICS)}`, paragraph(random));
  }
  return blocks.join('\n\n');
}

export interface MarkdownReply {
  readonly text: string;
  /** o200k_base tokens (gpt-4o's encoding) in `text`. */
  readonly tokens: number;
}

/**
 * A markdown answer of at least `minTokens` o200k tokens, whole sections only: headings, paragraphs with inline code
 * and emphasis, nested bullet lists, numbered lists, tables and fenced code. The same seed gives the same text.
 */
export function markdownReply(minTokens: number, random: BenchRandom): MarkdownReply {
  const encoding = loadEncoding('o200k_base');
  const sections: string[] = ['# Fine-tuning a support model: a checklist'];
  let tokens = encoding.count(sections[0]!);
  while (tokens < minTokens) {
    const next = section(sections.length - 1, random);
    sections.push(next);
    // Sections are joined by a blank line: two newlines, counted with the section.
    tokens += encoding.count(`\n\n${next}`);
  }
  const text = sections.join('\n\n');
  return { text, tokens: encoding.count(text) };
}
