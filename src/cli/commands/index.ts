import type { CliCommand } from '../command';
import { convertCommand } from './convert';
import { dedupeCommand } from './dedupe';
import { runCommand } from './run';
import { splitCommand } from './split';
import { statsCommand } from './stats';
import { validateCommand } from './validate';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  statsCommand,
  convertCommand,
  splitCommand,
  dedupeCommand,
  runCommand,
];
