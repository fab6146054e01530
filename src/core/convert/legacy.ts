import { chatLine, readChatForExport, trainingProblem, warnDroppedFields } from './chatMessages';
import { isObject } from '../jsonl/jsonObject';
import type { RecordConverter } from './jsonlConversion';
import { DEFAULT_LEGACY_TEMPLATE, type ChatMessage, type LegacyExportOptions, type LegacyTemplate } from './model';

// The conversational template of OpenAI's legacy (prompt/completion) fine-tuning guide:
//   prompt:     "<header>" + separator + "Customer: <msg>\nAgent: <msg>\nCustomer: <msg>\nAgent:"
//   completion: " <answer>" + stop
// The header (e.g. "Summary: ...\n\nSpecific information: ...") is kept verbatim as the system message, so both
// directions round-trip.
const CUSTOMER = 'Customer:';
const AGENT = 'Agent:';

/** Fills unset template fields with {@link DEFAULT_LEGACY_TEMPLATE}. */
export function legacyTemplate(partial: Partial<LegacyTemplate> = {}): LegacyTemplate {
  return {
    separator: partial.separator ?? DEFAULT_LEGACY_TEMPLATE.separator,
    stop: partial.stop ?? DEFAULT_LEGACY_TEMPLATE.stop,
  };
}

/** Drops one leading space, as the template writes one after every label and before every completion. */
function withoutLeadingSpace(text: string): string {
  return text.startsWith(' ') ? text.slice(1) : text;
}

/** The dialogue lines of a conversational prompt as messages; continuation lines join the message before them. */
function parseDialogue(body: string): ChatMessage[] {
  const messages: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith(CUSTOMER))
      messages.push({ role: 'user', content: withoutLeadingSpace(line.slice(CUSTOMER.length)) });
    else if (line.startsWith(AGENT))
      messages.push({ role: 'assistant', content: withoutLeadingSpace(line.slice(AGENT.length)) });
    else if (messages.length > 0) messages[messages.length - 1]!.content += `\n${line}`;
  }
  const last = messages[messages.length - 1];
  // The final "Agent:" is the cue for the completion, not a message.
  if (last?.role === 'assistant' && last.content === '') messages.pop();
  return messages;
}

/**
 * The messages a legacy prompt holds: a conversational prompt gives its header as system message and its dialogue
 * turns; any other prompt is one user message (without a trailing separator).
 */
export function parseLegacyPrompt(prompt: string, template: LegacyTemplate): ChatMessage[] {
  const separatorAt = prompt.indexOf(template.separator);
  const header = separatorAt === -1 ? undefined : prompt.slice(0, separatorAt);
  const body = separatorAt === -1 ? prompt : prompt.slice(separatorAt + template.separator.length);
  if (body.startsWith(CUSTOMER) || body.startsWith(AGENT)) {
    const system: ChatMessage[] =
      header !== undefined && header.trim() !== '' ? [{ role: 'system', content: header }] : [];
    return [...system, ...parseDialogue(body)];
  }
  const plain = prompt.endsWith(template.separator)
    ? prompt.slice(0, prompt.length - template.separator.length)
    : prompt;
  return [{ role: 'user', content: plain }];
}

/** The answer of a legacy completion: without the leading space and the stop sequence. */
export function parseLegacyCompletion(completion: string, template: LegacyTemplate): string {
  const answer = withoutLeadingSpace(completion);
  return template.stop !== '' && answer.endsWith(template.stop)
    ? answer.slice(0, answer.length - template.stop.length)
    : answer;
}

/** Legacy `{"prompt","completion"}` → OpenAI chat. */
export function legacyToChat(template: LegacyTemplate): RecordConverter {
  return (value, _text, warn) => {
    if (!isObject(value)) return { skip: 'not a JSON object' };
    const { prompt, completion } = value;
    if (typeof prompt !== 'string') return { skip: 'no "prompt" text' };
    if (typeof completion !== 'string') return { skip: 'no "completion" text' };
    warnDroppedFields(
      Object.keys(value).filter((key) => key !== 'prompt' && key !== 'completion'),
      'OpenAI chat',
      warn,
    );
    const messages = [
      ...parseLegacyPrompt(prompt, template),
      { role: 'assistant', content: parseLegacyCompletion(completion, template) } satisfies ChatMessage,
    ];
    const problem = trainingProblem(messages);
    return problem === undefined ? chatLine(messages) : { skip: problem };
  };
}

function looksLikeLabel(text: string): boolean {
  return (
    text.startsWith(CUSTOMER) || text.startsWith(AGENT) || text.includes(`\n${CUSTOMER}`) || text.includes(`\n${AGENT}`)
  );
}

/** The prompt's header: the configured one with `{system}` filled in, else the system message; '' for none. */
function headerOf(system: ChatMessage | undefined, header: string | undefined): string {
  if (header === undefined) return system?.content ?? '';
  return header.replaceAll('{system}', system?.content ?? '');
}

/** A legacy pair: the header, the dialogue so far with the `Agent:` cue, and the answer as completion. */
function legacyPair(header: string, history: readonly ChatMessage[], answer: ChatMessage, template: LegacyTemplate) {
  const dialogue = history.map((message) => `${message.role === 'user' ? CUSTOMER : AGENT} ${message.content}`);
  const prompt = `${header === '' ? '' : header + template.separator}${dialogue.join('\n')}\n${AGENT}`;
  return JSON.stringify({ prompt, completion: ` ${answer.content}${template.stop}` });
}

/**
 * OpenAI chat → legacy prompt/completion in the conversational template. By default the last assistant message is
 * the completion; with `perTurn` every assistant message after a user message is, with the conversation before it.
 */
export function chatToLegacy(template: LegacyTemplate, options: LegacyExportOptions = {}): RecordConverter {
  return (value, _text, warn) => {
    const read = readChatForExport(value);
    if (typeof read === 'string') return { skip: read };
    const messages = read.messages;
    const system = messages[0]?.role === 'system' ? messages[0] : undefined;
    const turns = messages.slice(system === undefined ? 0 : 1);
    const answer = turns[turns.length - 1];
    // One pair per turn also keeps the answered turns of an example that ends with an unanswered question.
    if (answer?.role !== 'assistant' && options.perTurn !== true)
      return { skip: 'does not end with an assistant message' };
    if (turns.some((message) => message.role === 'system'))
      return { skip: 'has a system message after the first message' };
    warnDroppedFields(read.droppedFields, 'the legacy format', warn);
    const header = headerOf(system, options.header);
    const ambiguous =
      header.includes(template.separator) ||
      turns.some((message) => looksLikeLabel(message.content) || message.content.includes(template.separator));
    if (ambiguous)
      warn(
        'some messages contain the separator or lines starting with "Customer:"/"Agent:"; they will not parse back unchanged',
      );
    if (options.perTurn !== true) return legacyPair(header, turns.slice(0, -1), answer!, template);
    const pairs: string[] = [];
    let userSeen = false;
    turns.forEach((message, at) => {
      if (message.role === 'user') userSeen = true;
      else if (userSeen) pairs.push(legacyPair(header, turns.slice(0, at), message, template));
    });
    return pairs.length === 0 ? { skip: 'no assistant message answers a user message' } : pairs;
  };
}
