/**
 * Runtime checks for messages from a webview. A webview runs untrusted model output next to our code, so the host
 * checks every message against its protocol before acting on it. Deliberately tiny: type predicates that compose,
 * never throw, and accept only plain data (what postMessage's structured clone delivers).
 */

/** Narrows unknown input to T, or says no. Never throws. */
export type Guard<T> = (value: unknown) => value is T;
/** The type a guard narrows to. */
export type Guarded<G> = G extends Guard<infer T> ? T : never;

export const isString: Guard<string> = (value): value is string => typeof value === 'string';
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';
export const isNull: Guard<null> = (value): value is null => value === null;
export const isFiniteNumber: Guard<number> = (value): value is number =>
  typeof value === 'number' && Number.isFinite(value);
/** A non-negative safe integer: line numbers, indexes, request ids. */
export const isIndex: Guard<number> = (value): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** One of the given constants. */
export function literal<const T extends string | number | boolean | null>(...values: T[]): Guard<T> {
  return (value): value is T => values.includes(value as T);
}

/** The value is missing (undefined) or passes the guard. */
export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

/** Passes any of the guards. */
export function oneOf<G extends Guard<unknown>[]>(...guards: G): Guard<Guarded<G[number]>> {
  return (value): value is Guarded<G[number]> => guards.some((guard) => guard(value));
}

/** An array (at most maxLength long) whose every item passes the guard. */
export function arrayOf<T>(item: Guard<T>, maxLength = Number.MAX_SAFE_INTEGER): Guard<T[]> {
  return (value): value is T[] => {
    if (!Array.isArray(value) || value.length > maxLength) return false;
    // An index loop, not every(): every() skips the holes of a sparse array.
    for (let i = 0; i < value.length; i++) if (!item(value[i])) return false;
    return true;
  };
}

/** A plain object (no class instance, no array) whose own enumerable keys are all listed. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A plain object with exactly these keys (optional ones may be missing) and no others: an unexpected key means the
 * sender speaks another version of the protocol, and guessing what it meant is how confused deputies start.
 */
export function object<S extends Record<string, Guard<unknown>>>(shape: S): Guard<{ [K in keyof S]: Guarded<S[K]> }> {
  const keys = Object.keys(shape);
  return (value): value is { [K in keyof S]: Guarded<S[K]> } => {
    if (!isPlainObject(value)) return false;
    for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) return false;
    return keys.every((key) => shape[key]!(Object.hasOwn(value, key) ? value[key] : undefined));
  };
}
