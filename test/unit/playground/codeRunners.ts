// Runs code that View code wrote: TypeScript through esbuild-register, curl through bash, Python through its parser
// (the openai package is not installed for Python). Every run is asynchronous, so a simulator in this process can
// answer it.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO = resolve(__dirname, '../../..');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary folder where `openai` and esbuild-register resolve (node_modules is a link to the repo's). */
export function codeFolder(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'request-code-'));
  symlinkSync(join(REPO, 'node_modules'), join(path, 'node_modules'), 'dir');
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Only PATH and the given variables: no OPENAI_* of the machine may reach the code under test. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
}

async function runFile(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, env: cleanEnv(env), timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

let counter = 0;

export function runTypeScript(folder: string, code: string, env: Record<string, string>): Promise<RunResult> {
  const file = join(folder, `program${++counter}.ts`);
  writeFileSync(file, code);
  return runFile(process.execPath, ['-r', require.resolve('esbuild-register'), file], folder, env);
}

export function runShell(folder: string, code: string, env: Record<string, string>): Promise<RunResult> {
  const file = join(folder, `command${++counter}.sh`);
  writeFileSync(file, code);
  return runFile('bash', [file], folder, env);
}

/** `tsc --noEmit` (strict) over the given programs at once; resolves with its output, empty when they compile. */
export async function typeCheck(folder: string, programs: readonly string[]): Promise<RunResult> {
  const files = programs.map((code) => {
    const file = join(folder, `checked${++counter}.ts`);
    writeFileSync(file, code);
    return file;
  });
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'Node16',
      moduleResolution: 'Node16',
      types: ['node'],
      skipLibCheck: true,
      esModuleInterop: true,
    },
    files,
  };
  const project = join(folder, `tsconfig${++counter}.json`);
  writeFileSync(project, JSON.stringify(config));
  return runFile(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', project], folder, {});
}

export function hasCommand(name: string): Promise<boolean> {
  return run('sh', ['-c', `command -v ${name}`]).then(
    () => true,
    () => false,
  );
}

/** What Python reads from generated code: the keyword arguments of the client and of `create`, as JSON. */
export interface PythonReading {
  ok: boolean;
  error?: string;
  /** The client's arguments; `api_key` as its source text. */
  client?: Record<string, unknown>;
  clientClass?: string;
  /** `create`'s arguments with `extra_body` merged in: the body the SDK would send. */
  body?: Record<string, unknown>;
  /** The module's top-level statements, by type. */
  statements?: string[];
  /** The comment lines at the top. */
  comments?: number;
}

/** Reads one JSON-encoded program per line and answers one JSON line each (one process for a whole fuzz run). */
const PYTHON_READER = String.raw`
import ast, json, sys

def read(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return {'ok': False, 'error': str(error)}
    out = {'ok': True, 'statements': [type(node).__name__ for node in tree.body]}
    out['comments'] = next((i for i, line in enumerate(source.split('\n')) if not line.startswith('# ')), 0)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ('OpenAI', 'AzureOpenAI'):
            out['clientClass'] = node.func.id
            out['client'] = {k.arg: ast.get_source_segment(source, k.value) if k.arg == 'api_key' else ast.literal_eval(k.value) for k in node.keywords}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'create':
            body = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            body.update(body.pop('extra_body', {}))
            out['body'] = body
    return out

for line in sys.stdin:
    print(json.dumps(read(json.loads(line))), flush=True)
`;

/** Python's own parser over generated code, reading its literals back with ast.literal_eval. */
export class PythonReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private buffered = '';
  private stderr = '';

  constructor() {
    this.child = spawn('python3', ['-c', PYTHON_READER], { env: cleanEnv({ PYTHONIOENCODING: 'utf-8' }) });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString('utf8');
      for (let end = this.buffered.indexOf('\n'); end >= 0; end = this.buffered.indexOf('\n')) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        this.waiting.shift()?.(line);
      }
    });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
  }

  /** One program at a time: the answers come back in order. */
  read(code: string): Promise<PythonReading> {
    return new Promise((resolvePromise, reject) => {
      const onExit = () => reject(new Error(`python3 stopped: ${this.stderr}`));
      this.child.once('exit', onExit);
      this.waiting.push((line) => {
        this.child.off('exit', onExit);
        resolvePromise(JSON.parse(line) as PythonReading);
      });
      // JSON keeps lone surrogates as escapes, so Python gets exactly the text, whatever it holds.
      this.child.stdin.write(`${JSON.stringify(code)}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
