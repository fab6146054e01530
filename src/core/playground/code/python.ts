/** The request as a Python program using the openai package, printing the reply as it streams. */

import { literal, PYTHON_SYNTAX, pythonString, type JsonValue } from './literals';
import { NO_KEY_PLACEHOLDER, type RequestTarget } from './target';

/** Python's keywords: a body key spelled like one cannot be a keyword argument. */
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);

export function pythonCode(
  header: readonly string[],
  target: RequestTarget,
  mode: 'chat' | 'completion',
  body: { [key: string]: JsonValue },
): string {
  const s = pythonString;
  const { key } = target;
  const apiKey = key.required
    ? `os.environ[${s(key.variable)}]`
    : `os.environ.get(${s(key.variable)}) or ${s(NO_KEY_PLACEHOLDER)}`;
  const options =
    target.client === 'AzureOpenAI'
      ? [`azure_endpoint=${s(target.endpoint)},`, `api_version=${s(target.apiVersion)},`]
      : [`base_url=${s(target.baseUrl)},`];
  options.push(`api_key=${apiKey},`);
  if (target.organization !== undefined) options.push(`organization=${s(target.organization)},`);
  if (target.project !== undefined) options.push(`project=${s(target.project)},`);

  // Every key the SDK knows is a plain name; anything else can only travel in extra_body.
  const keywordArguments = Object.entries(body).filter(([name]) => isKeywordArgument(name));
  const extra = Object.fromEntries(Object.entries(body).filter(([name]) => !isKeywordArgument(name)));
  const argumentLines = keywordArguments.map(([name, value]) => `    ${name}=${literal(value, PYTHON_SYNTAX, 1)},`);
  if (Object.keys(extra).length > 0) argumentLines.push(`    extra_body=${literal(extra, PYTHON_SYNTAX, 1)},`);

  const endpoint = mode === 'chat' ? 'chat.completions' : 'completions';
  const text = mode === 'chat' ? 'chunk.choices[0].delta.content' : 'chunk.choices[0].text';
  return [
    ...header.map((line) => `# ${line}`),
    'import os',
    '',
    `from openai import ${target.client}`,
    '',
    `client = ${target.client}(`,
    ...options.map((option) => `    ${option}`),
    ')',
    '',
    `stream = client.${endpoint}.create(`,
    ...argumentLines,
    ')',
    'for chunk in stream:',
    `    if chunk.choices and ${text}:`,
    `        print(${text}, end="", flush=True)`,
    'print()',
    '',
  ].join('\n');
}

function isKeywordArgument(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
}
