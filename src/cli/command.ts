/** Where a CLI command writes; injected so tests capture output without spawning a process. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Fires on Ctrl+C, SIGTERM or a closed terminal: commands stop and remove their temporary files. */
  readonly signal?: AbortSignal;
}

/**
 * One `finetune-studio <name> ...` subcommand. `run` receives the arguments after the name (parse them with
 * `node:util` parseArgs) and resolves to the process exit code.
 */
export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

/** Thrown for bad command-line usage; the entry point prints the message and the command's usage, exit 2. */
export class UsageError extends Error {}
