/** The request as a curl command (POSIX shell), printing the server-sent events as they arrive (`-N`). */

import { shellQuote, visibleJson, type JsonValue } from './literals';
import { NO_KEY_PLACEHOLDER, type RequestTarget } from './target';

export function curlCode(header: readonly string[], target: RequestTarget, body: { [key: string]: JsonValue }): string {
  const { key } = target;
  // Double quotes so the shell reads the variable; its name is [A-Z0-9_] only. `:?` stops with a message when a
  // needed key is not set; `:-` sends the placeholder to servers that need none.
  const value = key.required
    ? `\${${key.variable}:?Set ${key.variable} first}`
    : `\${${key.variable}:-${NO_KEY_PLACEHOLDER}}`;
  const auth = key.header === 'api-key' ? `api-key: ${value}` : `Authorization: Bearer ${value}`;
  const options = [`-H ${shellQuote('Content-Type: application/json')}`, `-H "${auth}"`];
  if (target.organization !== undefined)
    options.push(`-H ${shellQuote(`OpenAI-Organization: ${target.organization}`)}`);
  if (target.project !== undefined) options.push(`-H ${shellQuote(`OpenAI-Project: ${target.project}`)}`);
  options.push(`-d ${shellQuote(visibleJson(body, 2))}`);
  return [
    ...header.map((line) => `# ${line}`),
    // -g: `[` and `{` in a URL are curl's globbing patterns, not characters, unless globbing is off.
    `curl -N${/[[\]{}]/.test(target.url) ? ' -g' : ''} ${shellQuote(target.url)} \\`,
    ...options.map((option, index) => `  ${option}${index < options.length - 1 ? ' \\' : ''}`),
    '',
  ].join('\n');
}
