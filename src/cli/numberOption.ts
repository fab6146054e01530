import { UsageError } from './command';

// Plain decimal notation only: `Number()` would also take '' (as 0), '0x10', '1e3', '0b1' and ' 5 '.
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** What a numeric option accepts. */
export interface NumberRule {
  /** Whole numbers only. */
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** The bounds themselves are not allowed. */
  readonly exclusive?: boolean;
  /** Says what is expected, e.g. "a whole number of at least 1"; used in the error message. */
  readonly expected: string;
}

/**
 * The value of a numeric option, or `fallback` when it was not given. Anything but a plain decimal number within
 * the rule (an empty string, hex, exponents, trailing letters) is a usage error naming the option.
 */
export function numberOption(value: string | undefined, name: string, rule: NumberRule, fallback: number): number;
export function numberOption(value: string | undefined, name: string, rule: NumberRule): number | undefined;
export function numberOption(
  value: string | undefined,
  name: string,
  rule: NumberRule,
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  const n = (rule.integer ? INTEGER : DECIMAL).test(value) ? Number(value) : Number.NaN;
  const inRange =
    (rule.integer ? Number.isSafeInteger(n) : Number.isFinite(n)) &&
    (rule.min === undefined || (rule.exclusive ? n > rule.min : n >= rule.min)) &&
    (rule.max === undefined || (rule.exclusive ? n < rule.max : n <= rule.max));
  if (!inRange) throw new UsageError(`${name} must be ${rule.expected}, not ${JSON.stringify(value)}.`);
  return n;
}
