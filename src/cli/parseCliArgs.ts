import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';
import { messageOf } from '../core/errors/messageOf';

/** Parses a command's arguments (positionals allowed, unknown options rejected); bad usage becomes a UsageError. */
export function parseCliArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw new UsageError(messageOf(error));
  }
}
