import type { BenchRandom } from '../lib/random';
import { AGENT_REPLIES, COMPANIES, CUSTOMER_DETAILS, NAMES, OPENINGS, PRODUCTS, SYSTEM_STYLES } from './supportPhrases';

// Every example carries a ticket number in its first user message, so prompts are unique as in real exports and
// the duplicate checks do not flood the results.
const TICKET_MARKER = 'TK-';

/** Share of lines that get one deliberate mistake. */
const ERROR_RATE = 0.001;

interface Message {
  role: string;
  content: unknown;
}

function fill(template: string, random: BenchRandom, company: string): string {
  return template
    .replaceAll('{company}', company)
    .replaceAll('{product}', random.pick(PRODUCTS))
    .replaceAll('{name}', random.pick(NAMES))
    .replaceAll('{ref}', `ORD-${random.int(10_000, 99_999)}`);
}

/** Sentences from `pool` until about `budget` characters. */
function paragraph(
  pool: readonly string[],
  budget: number,
  random: BenchRandom,
  company: string,
  first?: string,
): string {
  const parts: string[] = first === undefined ? [] : [first];
  let length = first?.length ?? 0;
  while (length < budget || parts.length === 0) {
    const sentence = fill(random.pick(pool), random, company);
    parts.push(sentence);
    length += sentence.length + 1;
  }
  return parts.join(random.chance(0.2) ? '\n\n' : ' ');
}

/** One deliberate mistake of the kinds real datasets have; returns the line to write. */
function withMistake(messages: Message[], random: BenchRandom): string {
  const last = messages[messages.length - 1]!;
  switch (random.int(0, 5)) {
    case 0: {
      const line = JSON.stringify({ messages });
      return line.slice(0, random.int(20, line.length - 5));
    }
    case 1:
      last.role = 'agent';
      break;
    case 2:
      last.role = 'Assistant';
      break;
    case 3:
      messages.pop();
      break;
    case 4:
      last.content = null;
      break;
    default:
      return `${JSON.stringify({ messages }).slice(0, -2)},]}`;
  }
  return JSON.stringify({ messages });
}

/**
 * One customer-support chat example as a JSONL line (no terminator): a system prompt and 2–6 alternating user and
 * assistant turns ending with the assistant, 300 B – 4 KB, skewed towards short ones.
 */
export function chatExampleLine(index: number, random: BenchRandom): string {
  const company = random.pick(COMPANIES);
  const u = random.int(0, 1_000_000) / 1_000_000;
  const target = 300 + Math.floor(3_300 * u * u);
  const turns = 2 * random.int(1, 3);
  const messages: Message[] = [{ role: 'system', content: fill(random.pick(SYSTEM_STYLES), random, company) }];
  const ticket = `${TICKET_MARKER}${String(index).padStart(8, '0')}`;
  for (let turn = 0; turn < turns; turn++) {
    const user = turn % 2 === 0;
    // Replies get twice the share of the customer's turns.
    const budget = Math.max(20, Math.floor(((target - 250) * (user ? 1 : 2)) / (turns * 1.5)));
    const content = user
      ? paragraph(
          CUSTOMER_DETAILS,
          budget,
          random,
          company,
          turn === 0 ? `${fill(random.pick(OPENINGS), random, company)} (${ticket})` : undefined,
        )
      : paragraph(AGENT_REPLIES, budget, random, company);
    messages.push({ role: user ? 'user' : 'assistant', content });
  }
  return random.chance(ERROR_RATE) ? withMistake(messages, random) : JSON.stringify({ messages });
}
