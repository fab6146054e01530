import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { startSimulator, type RecordedRequest, type Simulator } from '../../../simulator/server';
import {
  buildChatRequest,
  buildCompletionRequest,
  createClient,
  streamReply,
  type Connection,
  type ReplyRequest,
  type SamplingParameters,
} from '../../../src/core/connections';
import { apiKeyVariable } from '../../../src/core/playground/code/target';
import { requestCode, type CodeLanguage } from '../../../src/core/playground/requestCode';
import { codeFolder, hasCommand, PythonReader, runShell, runTypeScript, typeCheck } from './codeRunners';

const KEY = 'sk-request-code-unit-5e8c1f0a7b';
const LANGUAGES: readonly CodeLanguage[] = ['typescript', 'python', 'curl'];

const SIMPLE_CHAT: ReplyRequest = {
  mode: 'chat',
  params: buildChatRequest({
    model: 'gpt-4o-mini',
    systemPrompt: 'Be brief.',
    turns: [{ role: 'user', content: 'Hello' }],
    parameters: { temperature: 0.5, maxTokens: 100, stop: undefined },
  }),
};
const OPENAI: Connection = { id: 'o', name: 'OpenAI', kind: 'openai', baseUrl: 'https://api.openai.com/v1' };

/** What the code must send: the request's own parameters (undefined ones dropped, as JSON does) and a stream. */
function expectedBody(request: ReplyRequest): unknown {
  return JSON.parse(JSON.stringify({ ...request.params, stream: true }));
}

describe('requestCode: a playground request as code', () => {
  describe('exact output for a simple chat request', () => {
    it('TypeScript with the openai SDK', () => {
      assert.equal(
        requestCode({ request: SIMPLE_CHAT, connection: OPENAI }, 'typescript'),
        `// The playground’s chat request to “OpenAI” (OpenAI), streamed.
// Set OPENAI_API_KEY to your API key first: the key is read from the environment and never written here.
// Needs the openai package (npm install openai); run it with e.g. npx tsx.
import OpenAI from "openai";

const apiKey = process.env.OPENAI_API_KEY;
if (!apiKey) throw new Error("Set the OPENAI_API_KEY environment variable first.");

const client = new OpenAI({
  baseURL: "https://api.openai.com/v1",
  apiKey,
});

async function main(): Promise<void> {
  const stream = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hello" },
    ],
    temperature: 0.5,
    max_tokens: 100,
    stream: true,
  });
  for await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta.content ?? "");
  process.stdout.write("\\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`,
      );
    });

    it('Python with the openai package', () => {
      assert.equal(
        requestCode({ request: SIMPLE_CHAT, connection: OPENAI }, 'python'),
        `# The playground’s chat request to “OpenAI” (OpenAI), streamed.
# Set OPENAI_API_KEY to your API key first: the key is read from the environment and never written here.
# Needs the openai package (pip install openai).
import os

from openai import OpenAI

client = OpenAI(
    base_url="https://api.openai.com/v1",
    api_key=os.environ["OPENAI_API_KEY"],
)

stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Hello"},
    ],
    temperature=0.5,
    max_tokens=100,
    stream=True,
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="", flush=True)
print()
`,
      );
    });

    it('curl', () => {
      assert.equal(
        requestCode({ request: SIMPLE_CHAT, connection: OPENAI }, 'curl'),
        `# The playground’s chat request to “OpenAI” (OpenAI), streamed.
# Set OPENAI_API_KEY to your API key first: the key is read from the environment and never written here.
curl -N 'https://api.openai.com/v1/chat/completions' \\
  -H 'Content-Type: application/json' \\
  -H "Authorization: Bearer \${OPENAI_API_KEY:?Set OPENAI_API_KEY first}" \\
  -d '{
  "model": "gpt-4o-mini",
  "messages": [
    {
      "role": "system",
      "content": "Be brief."
    },
    {
      "role": "user",
      "content": "Hello"
    }
  ],
  "temperature": 0.5,
  "max_tokens": 100,
  "stream": true
}'
`,
      );
    });
  });

  describe('where the request goes and which key it reads', () => {
    const azureDated: Connection = {
      id: 'a',
      name: 'Prod',
      kind: 'azure',
      baseUrl: 'https://res.openai.azure.com',
      azure: { apiVersion: '2024-10-21' },
    };
    const azureV1: Connection = { id: 'v', name: 'Prod', kind: 'azure', baseUrl: 'https://res.openai.azure.com' };
    const ollama: Connection = {
      id: 'l',
      name: 'Ollama',
      kind: 'compatible',
      baseUrl: 'http://localhost:11434/v1',
      preset: 'ollama',
    };

    it('Azure with a dated API version: AzureOpenAI, the deployment in the URL, the api-key header', () => {
      const python = requestCode({ request: SIMPLE_CHAT, connection: azureDated }, 'python');
      assert.match(python, /^from openai import AzureOpenAI$/m);
      assert.match(python, /azure_endpoint="https:\/\/res\.openai\.azure\.com",\n {4}api_version="2024-10-21",/);
      const typescript = requestCode({ request: SIMPLE_CHAT, connection: azureDated }, 'typescript');
      assert.match(typescript, /new AzureOpenAI\(\{\n {2}baseURL: "https:\/\/res\.openai\.azure\.com\/openai",/);
      const curl = requestCode({ request: SIMPLE_CHAT, connection: azureDated }, 'curl');
      assert.match(
        curl,
        /curl -N 'https:\/\/res\.openai\.azure\.com\/openai\/deployments\/gpt-4o-mini\/chat\/completions\?api-version=2024-10-21'/,
      );
      assert.match(curl, /-H "api-key: \$\{AZURE_OPENAI_API_KEY:\?/);
    });

    it('Azure v1: the OpenAI client at <endpoint>/openai/v1 with the key as a bearer token', () => {
      const python = requestCode({ request: SIMPLE_CHAT, connection: azureV1 }, 'python');
      assert.match(python, /base_url="https:\/\/res\.openai\.azure\.com\/openai\/v1",/);
      assert.match(python, /api_key=os\.environ\["AZURE_OPENAI_API_KEY"\],/);
      const curl = requestCode({ request: SIMPLE_CHAT, connection: azureV1 }, 'curl');
      assert.match(curl, /'https:\/\/res\.openai\.azure\.com\/openai\/v1\/chat\/completions'/);
      assert.match(curl, /"Authorization: Bearer \$\{AZURE_OPENAI_API_KEY:\?/);
    });

    it('a compatible server: its own variable, and a placeholder when it is not set', () => {
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection: ollama }, 'typescript'),
        /const apiKey = process\.env\.OLLAMA_API_KEY \|\| "no-key";/,
      );
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection: ollama }, 'python'),
        /api_key=os\.environ\.get\("OLLAMA_API_KEY"\) or "no-key",/,
      );
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection: ollama }, 'curl'),
        /"Authorization: Bearer \$\{OLLAMA_API_KEY:-no-key\}"/,
      );
    });

    it('OpenAI organization and project, quoted', () => {
      const connection: Connection = { ...OPENAI, organization: 'org-1', project: "proj-'$x" };
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection }, 'typescript'),
        /organization: "org-1",\n {2}project: "proj-'\$x",/,
      );
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection }, 'python'),
        /organization="org-1",\n {4}project="proj-'\$x",/,
      );
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection }, 'curl'),
        /-H 'OpenAI-Organization: org-1' \\\n {2}-H 'OpenAI-Project: proj-'\\''\$x' \\/,
      );
    });

    it('completion mode calls the completions endpoint and prints choices[0].text', () => {
      const request: ReplyRequest = {
        mode: 'completion',
        params: buildCompletionRequest({ model: 'davinci-002', turns: [{ role: 'user', content: 'Hi' }] }),
      };
      const typescript = requestCode({ request, connection: OPENAI }, 'typescript');
      assert.match(
        typescript,
        /client\.completions\.create\(\{\n {4}model: "davinci-002",\n {4}prompt: "Human:Hi\\nAI:",/,
      );
      assert.match(typescript, /chunk\.choices\[0\]\?\.text/);
      assert.match(
        requestCode({ request, connection: OPENAI }, 'python'),
        /if chunk\.choices and chunk\.choices\[0\]\.text:/,
      );
      assert.match(
        requestCode({ request, connection: OPENAI }, 'curl'),
        /'https:\/\/api\.openai\.com\/v1\/completions'/,
      );
    });

    it('an organization or project that is not printable ASCII fails with a message naming the connection', () => {
      for (const organization of ['org\n1', 'org\u202e1', 'orgé'])
        assert.throws(
          () => requestCode({ request: SIMPLE_CHAT, connection: { ...OPENAI, organization } }, 'python'),
          /Connection “OpenAI”: the organization or project may hold only printable ASCII characters/,
        );
    });

    it('an invalid base URL fails with a message naming the connection', () => {
      const broken: Connection = { id: 'b', name: 'Broken', kind: 'compatible', baseUrl: 'ftp://x' };
      assert.throws(
        () => requestCode({ request: SIMPLE_CHAT, connection: broken }, 'curl'),
        /Connection “Broken”: .*http/,
      );
    });

    it('a URL with curl globbing characters turns globbing off', () => {
      const connection: Connection = { id: 'g', name: 'G', kind: 'compatible', baseUrl: 'http://localhost:8000/a[1]' };
      assert.match(
        requestCode({ request: SIMPLE_CHAT, connection }, 'curl'),
        /^curl -N -g 'http:\/\/localhost:8000\/a\[1\]\/chat\/completions'/m,
      );
    });
  });

  describe('what the code shows', () => {
    it('no invisible, reordering or line-breaking character appears raw: each is an escape, or a space in a comment', () => {
      fc.assert(
        fc.property(requestOf(nastyText), nastyText, fc.constantFrom(...LANGUAGES), (request, name, language) => {
          const connection: Connection = { id: 'f', name, kind: 'compatible', baseUrl: 'http://localhost:1234/v1' };
          const code = requestCode({ request, connection }, language);
          assert.doesNotMatch(code, /(?!\n)[\p{C}\p{Zl}\p{Zp}]/u);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('apiKeyVariable', () => {
    const compatible = (name: string, preset?: Connection['preset']) =>
      apiKeyVariable({ kind: 'compatible', name, ...(preset ? { preset } : {}) });

    it('uses the SDKs’ names for OpenAI and Azure', () => {
      assert.equal(apiKeyVariable({ kind: 'openai', name: 'Groq' }), 'OPENAI_API_KEY');
      assert.equal(apiKeyVariable({ kind: 'azure', name: 'x' }), 'AZURE_OPENAI_API_KEY');
    });

    it('names a compatible server’s variable after the connection', () => {
      assert.equal(compatible('Groq'), 'GROQ_API_KEY');
      assert.equal(compatible('Groq API key'), 'GROQ_API_KEY');
      assert.equal(compatible('my vLLM (lab-2)'), 'MY_VLLM_LAB_2_API_KEY');
      assert.equal(compatible('Café'), 'CAFE_API_KEY');
      assert.equal(compatible('1min'), 'SERVER_1MIN_API_KEY');
      assert.equal(compatible('Сервер', 'lmstudio'), 'LMSTUDIO_API_KEY');
      assert.equal(compatible('Сервер'), 'OPENAI_COMPATIBLE_API_KEY');
    });

    it('never gives a compatible server the OpenAI or Azure variable, whose key belongs to another host', () => {
      assert.equal(compatible('OpenAI'), 'OPENAI_COMPATIBLE_API_KEY');
      assert.equal(compatible('Azure OpenAI'), 'OPENAI_COMPATIBLE_API_KEY');
    });

    it('is always a valid environment variable name', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary' }), (name) => /^[A-Z_][A-Z0-9_]*$/.test(compatible(name))));
    });
  });

  describe('keys', () => {
    it('cannot be given a key: the input has no place for one', () => {
      // @ts-expect-error: requestCode's input is the request and the connection, which holds no key.
      requestCode({ request: SIMPLE_CHAT, connection: OPENAI, apiKey: KEY }, 'curl');
      // @ts-expect-error: nor does the connection.
      const withKey: Connection = { ...OPENAI, apiKey: KEY };
      assert.ok(withKey);
    });

    it('writes no key even when the connection object carries one at run time', () => {
      const connection = { ...OPENAI, apiKey: KEY, key: KEY, secret: KEY } as Connection;
      for (const language of LANGUAGES)
        assert.ok(!requestCode({ request: SIMPLE_CHAT, connection }, language).includes(KEY), language);
    });
  });
});

/** Text that breaks naive quoting in any of the three languages, mixed with arbitrary code points. */
const nastyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({
    unit: fc.constantFrom(
      "'",
      '"',
      '\\',
      '\n',
      '\r',
      '\t',
      '$',
      '`',
      '!',
      '#',
      '{',
      '}',
      '%',
      '*',
      ' ',
      'a',
      '\u0000',
      '\u0007',
      '\u007f',
      '\u0085',
      '\u2028',
      '\u2029',
      '\u202e',
      '\u200b',
      '\ufeff',
      '\ud800',
      '\udc00',
      '😀',
      'é',
      '$(id)',
      '${HOME}',
      "'\\''",
      '"""',
      '*/',
      '\\u0041',
      '\\n',
      '-d',
      '@file',
    ),
    maxLength: 16,
  }),
);

/** Printable ASCII with the characters that need quoting: what an organization or project id may hold. */
const asciiText = fc.string({
  unit: fc.constantFrom("'", '"', '\\', '$', '`', '!', '{', '%', ' ', 'a', '-', '#'),
  maxLength: 12,
});

const parameters: fc.Arbitrary<SamplingParameters> = fc.record(
  {
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    topP: fc.double({ min: 0, max: 1, noNaN: true }),
    maxTokens: fc.integer({ min: 1, max: 4096 }),
    stop: fc.array(nastyText, { maxLength: 4 }),
    seed: fc.nat(),
    presencePenalty: fc.double({ min: -2, max: 2, noNaN: true }),
    frequencyPenalty: fc.double({ min: -2, max: 2, noNaN: true }),
  },
  { requiredKeys: [] },
);

/** A chat or completion-mode request full of nasty text, for `model`. */
function requestOf(model: fc.Arbitrary<string>): fc.Arbitrary<ReplyRequest> {
  const turns = fc.array(
    fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: nastyText }),
    {
      maxLength: 3,
    },
  );
  const chat = fc.record({ model, systemPrompt: nastyText, turns, parameters }).map((input): ReplyRequest => ({
    mode: 'chat',
    params: buildChatRequest({ ...input, turns: [...input.turns, { role: 'user', content: 'last' }] }),
  }));
  const completion = fc
    .record({ model, before: nastyText, after: nastyText, question: nastyText, parameters })
    .map((input): ReplyRequest => ({
      mode: 'completion',
      params: buildCompletionRequest({
        model: input.model,
        template: `${input.before}{question}${input.after}`,
        turns: [{ role: 'user', content: input.question }],
        parameters: input.parameters,
      }),
    }));
  return fc.oneof(chat, completion);
}

/** The same request as the extension sends it, to the connection's server (stream usage off, as in the code). */
async function sentByExtension(
  simulator: Simulator,
  connection: Connection,
  request: ReplyRequest,
): Promise<RecordedRequest | undefined> {
  const before = simulator.requests.length;
  const client = createClient(connection, { apiKey: KEY }, { maxRetries: 0 });
  const quirks = { omittedParameters: ['stream_options' as const], nonStreamingModels: [] };
  try {
    for await (const event of streamReply(client, request, { quirks })) void event;
  } catch {
    // Azure paths are unknown to the simulator (404): only what was sent matters here.
  }
  return simulator.requests[before];
}

/** What a request says about where it went and how it was authenticated and sent. */
function essentials(recorded: RecordedRequest | undefined) {
  assert.ok(recorded, 'no request reached the server');
  const { headers } = recorded;
  return {
    method: recorded.method,
    path: recorded.path,
    authorization: headers.authorization,
    apiKey: headers['api-key'],
    organization: headers['openai-organization'],
    project: headers['openai-project'],
    body: recorded.body,
  };
}

describe('requestCode: the code runs and sends what the extension sends', function () {
  this.timeout(180_000);
  let simulator: Simulator;
  let folder: ReturnType<typeof codeFolder>;
  let python: PythonReader | undefined;

  before(async () => {
    simulator = await startSimulator();
    folder = codeFolder();
    // Required, not skipped when missing: the checks below are the point of these tests.
    for (const command of ['bash', 'curl', 'python3'])
      assert.ok(await hasCommand(command), `${command} is needed to run the generated code; install it`);
    python = new PythonReader();
  });
  after(async () => {
    python?.close();
    await simulator.close();
    folder.remove();
  });

  const endpoint = () => simulator.url.replace(/\/v1$/, '');
  const connections = (): Connection[] => [
    { id: 'o', name: 'OpenAI', kind: 'openai', baseUrl: simulator.url, organization: 'org-1', project: "p'$1" },
    { id: 'c', name: 'Local lab', kind: 'compatible', baseUrl: simulator.url },
    { id: 'v', name: 'Azure v1', kind: 'azure', baseUrl: endpoint() },
    { id: 'a', name: 'Azure dated', kind: 'azure', baseUrl: endpoint(), azure: { apiVersion: '2024-10-21' } },
  ];

  /** Runs the code and returns the request it made. */
  async function sentByCode(language: 'typescript' | 'curl', connection: Connection, request: ReplyRequest) {
    const code = requestCode({ request, connection }, language);
    const before = simulator.requests.length;
    const env = { [apiKeyVariable(connection)]: KEY };
    const result =
      language === 'typescript' ? await runTypeScript(folder.path, code, env) : await runShell(folder.path, code, env);
    return { result, recorded: simulator.requests[before] };
  }

  it('TypeScript streams the reply and prints it', async () => {
    const request: ReplyRequest = {
      mode: 'chat',
      params: buildChatRequest({
        model: 'echo',
        turns: [{ role: 'user', content: 'It\'s "$HOME" `ls` \\ \n é 😀' }],
        parameters: {},
      }),
    };
    const { result } = await sentByCode('typescript', connections()[1]!, request);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'It\'s "$HOME" `ls` \\ \n é 😀\n');
  });

  it('curl streams the server-sent events', async () => {
    const { result } = await sentByCode('curl', connections()[1]!, chatFor('echo'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^data: \{.*"content":"Hel".*\n\ndata: /m);
    assert.match(result.stdout, /data: \[DONE\]\n\n$/);
  });

  it('TypeScript and curl send the extension’s URL, auth header and body, for every kind of connection', async () => {
    for (const connection of connections())
      for (const request of [chatFor('echo'), completionFor('echo')]) {
        const expected = essentials(await sentByExtension(simulator, connection, request));
        const label = `${connection.name}, ${request.mode}`;
        assert.deepEqual(expected.body, expectedBody(request), label);
        assert.deepEqual(
          essentials((await sentByCode('typescript', connection, request)).recorded),
          expected,
          `TypeScript: ${label}`,
        );
        assert.deepEqual(
          essentials((await sentByCode('curl', connection, request)).recorded),
          expected,
          `curl: ${label}`,
        );
      }
  });

  it('a needed key that is not set stops the code before anything is sent', async () => {
    const connection = connections()[0]!;
    const before = simulator.requests.length;
    const typescript = await runTypeScript(
      folder.path,
      requestCode({ request: SIMPLE_CHAT, connection }, 'typescript'),
      {},
    );
    assert.notEqual(typescript.code, 0);
    assert.match(typescript.stderr, /Set the OPENAI_API_KEY environment variable first/);
    const shell = await runShell(folder.path, requestCode({ request: SIMPLE_CHAT, connection }, 'curl'), {});
    assert.notEqual(shell.code, 0);
    assert.match(shell.stderr, /OPENAI_API_KEY: Set OPENAI_API_KEY first/);
    assert.equal(simulator.requests.length, before);
  });

  it('fuzz: curl sends exactly the request, whatever the text holds', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(fc.constant('echo')), nastyText, async (request, name) => {
        const connection: Connection = { id: 'f', name, kind: 'compatible', baseUrl: simulator.url };
        const { result, recorded } = await sentByCode('curl', connection, request);
        assert.equal(result.code, 0, result.stderr);
        assert.ok(recorded, 'no request reached the server');
        assert.deepEqual(recorded.body, expectedBody(request));
        assert.equal(recorded.headers.authorization, `Bearer ${KEY}`);
      }),
      { numRuns: 40 },
    );
  });

  it('fuzz: the TypeScript program sends exactly the request, whatever the text holds', async () => {
    await fc.assert(
      fc.asyncProperty(requestOf(fc.constant('echo')), nastyText, async (request, name) => {
        const connection: Connection = { id: 'f', name, kind: 'compatible', baseUrl: simulator.url };
        const { result, recorded } = await sentByCode('typescript', connection, request);
        assert.equal(result.code, 0, result.stderr);
        assert.ok(recorded, 'no request reached the server');
        assert.deepEqual(recorded.body, expectedBody(request));
        assert.equal(recorded.headers.authorization, `Bearer ${KEY}`);
      }),
      { numRuns: 12 },
    );
  });

  it('fuzz: Python parses, and its literals read back as the request, the URL and the headers', async () => {
    const connection = fc.oneof(
      fc
        .record({ name: nastyText, organization: fc.option(asciiText, { nil: undefined }) })
        .map(({ name, organization }): Connection => ({
          id: 'f',
          name,
          kind: 'openai',
          baseUrl: 'https://api.openai.com/v1',
          ...(organization === undefined ? {} : { organization, project: organization }),
        })),
      nastyText.map((name): Connection => ({ id: 'f', name, kind: 'compatible', baseUrl: 'http://localhost:1234/v1' })),
      nastyText.map((name): Connection => ({
        id: 'f',
        name,
        kind: 'azure',
        baseUrl: 'https://r.openai.azure.com',
        azure: { apiVersion: '2025-04-01-preview' },
      })),
    );
    await fc.assert(
      fc.asyncProperty(requestOf(nastyText), connection, async (request, target) => {
        const reading = await python!.read(requestCode({ request, connection: target }, 'python'));
        assert.ok(reading.ok, reading.error);
        // Three comment lines, then exactly the program's six statements: no text escaped a literal or a comment.
        assert.equal(reading.comments, 3);
        assert.deepEqual(reading.statements, ['Import', 'ImportFrom', 'Assign', 'Assign', 'For', 'Expr']);
        assert.deepEqual(reading.body, expectedBody(request));
        const { api_key: apiKey, ...client } = reading.client ?? {};
        assert.equal(typeof apiKey === 'string' && apiKey.includes(apiKeyVariable(target)), true);
        if (target.kind === 'azure') {
          assert.equal(reading.clientClass, 'AzureOpenAI');
          assert.deepEqual(client, { azure_endpoint: target.baseUrl, api_version: target.azure?.apiVersion });
        } else {
          assert.equal(reading.clientClass, 'OpenAI');
          const headers =
            target.organization === undefined ? {} : { organization: target.organization, project: target.project };
          assert.deepEqual(client, { base_url: target.baseUrl, ...headers });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the TypeScript type-checks (strict) for every kind and mode, with nasty text', async () => {
    const nasty = 'q\'"\\\n\r\t$`\u0000\u007f\u0085\u2028\u202e\ud800😀 */ ${x}';
    const programs = connections().flatMap((connection) =>
      [
        {
          mode: 'chat' as const,
          params: buildChatRequest({
            model: nasty,
            systemPrompt: nasty,
            turns: [{ role: 'user', content: nasty }],
            parameters: { stop: [nasty], temperature: 0.1, seed: 3 },
          }),
        },
        {
          mode: 'completion' as const,
          params: buildCompletionRequest({
            model: nasty,
            template: `${nasty}{question}`,
            turns: [{ role: 'user', content: nasty }],
          }),
        },
      ].map((request) => requestCode({ request, connection: { ...connection, name: nasty } }, 'typescript')),
    );
    const result = await typeCheck(folder.path, programs);
    assert.equal(result.stdout + result.stderr, '');
    assert.equal(result.code, 0);
  });
});

function chatFor(model: string): ReplyRequest {
  return { ...SIMPLE_CHAT, params: { ...SIMPLE_CHAT.params, model } } as ReplyRequest;
}

function completionFor(model: string): ReplyRequest {
  return { mode: 'completion', params: buildCompletionRequest({ model, turns: [{ role: 'user', content: 'Hi $x' }] }) };
}
