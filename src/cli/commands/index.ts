import type { CliCommand } from '../command';
import { convertCommand } from './convert';
import { dedupeCommand } from './dedupe';
import { splitCommand } from './split';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [convertCommand, splitCommand, dedupeCommand];
