import type { CliCommand } from '../command';
import { dedupeCommand } from './dedupe';
import { splitCommand } from './split';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [splitCommand, dedupeCommand];
