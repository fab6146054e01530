/** The request as a TypeScript program using the openai SDK, printing the reply as it streams. */

import { literal, TYPESCRIPT_SYNTAX, typescriptString, type JsonValue } from './literals';
import { NO_KEY_PLACEHOLDER, type RequestTarget } from './target';

export function typescriptCode(
  header: readonly string[],
  target: RequestTarget,
  mode: 'chat' | 'completion',
  body: { [key: string]: JsonValue },
): string {
  const s = typescriptString;
  const { key } = target;
  const options = [`baseURL: ${s(target.baseUrl)},`];
  if (target.client === 'AzureOpenAI') options.push(`apiVersion: ${s(target.apiVersion)},`);
  options.push('apiKey,');
  if (target.organization !== undefined) options.push(`organization: ${s(target.organization)},`);
  if (target.project !== undefined) options.push(`project: ${s(target.project)},`);
  const readKey = key.required
    ? [
        `const apiKey = process.env.${key.variable};`,
        `if (!apiKey) throw new Error(${s(`Set the ${key.variable} environment variable first.`)});`,
      ]
    : [`const apiKey = process.env.${key.variable} || ${s(NO_KEY_PLACEHOLDER)};`];
  const endpoint = mode === 'chat' ? 'chat.completions' : 'completions';
  const text = mode === 'chat' ? 'chunk.choices[0]?.delta.content' : 'chunk.choices[0]?.text';
  return [
    ...header.map((line) => `// ${line}`),
    target.client === 'OpenAI' ? 'import OpenAI from "openai";' : 'import { AzureOpenAI } from "openai";',
    '',
    ...readKey,
    '',
    `const client = new ${target.client}({`,
    ...options.map((option) => `  ${option}`),
    '});',
    '',
    'async function main(): Promise<void> {',
    `  const stream = await client.${endpoint}.create(${literal(body, TYPESCRIPT_SYNTAX, 1)});`,
    `  for await (const chunk of stream) process.stdout.write(${text} ?? "");`,
    '  process.stdout.write("\\n");',
    '}',
    '',
    'main().catch((error: unknown) => {',
    '  console.error(error);',
    '  process.exitCode = 1;',
    '});',
    '',
  ].join('\n');
}
