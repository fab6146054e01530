import { UsageError, type CliCommand, type CliIO } from './command';
import { COMMANDS } from './commands';
import { version } from '../../package.json';
import { messageOf } from '../core/errors/messageOf';
import { terminalSafe } from '../core/text/terminalSafe';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `finetune-studio ${version} — validate, inspect and convert fine-tuning datasets`,
    '',
    'Usage: finetune-studio <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `finetune-studio <command> --help` for a command's options.",
    '',
  ].join('\n');
}

/** Runs the CLI with the given arguments; resolves to the exit code (0 ok, 1 problems found or failure, 2 usage). */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? 2 : 0;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`finetune-studio: unknown command '${terminalSafe(name)}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`finetune-studio ${command.name}: ${terminalSafe(error.message)}\n\n${command.usage}\n`);
      return 2;
    }
    if (io.signal?.aborted) {
      io.stderr(`finetune-studio ${command.name}: stopped; no output file was written or changed.\n`);
      return 1;
    }
    io.stderr(`finetune-studio ${command.name}: ${terminalSafe(messageOf(error))}\n`);
    return 1;
  }
}
