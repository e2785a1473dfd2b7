// Carries the contract's method and event names from main to the sandboxed preload, which cannot load zod.
/** Command-line switches main appends to the renderer's `process.argv` (webPreferences.additionalArguments). */
export const METHODS_SWITCH = '--lplate-methods=';
export const EVENTS_SWITCH = '--lplate-events=';

const NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;

/** Encodes names as one switch; refuses a name that could smuggle a separator or another switch. */
export function encodeNames(switchName: string, names: readonly string[]): string {
  for (const name of names) {
    if (!NAME.test(name)) throw new Error(`"${name}" is not a valid contract name.`);
  }
  return switchName + names.join(',');
}

/** Reads the names of one switch; an absent or malformed switch yields an empty set, so everything is refused. */
export function decodeNames(argv: readonly string[], switchName: string): ReadonlySet<string> {
  const arg = argv.find((a) => a.startsWith(switchName));
  if (arg === undefined) return new Set();
  const names = arg
    .slice(switchName.length)
    .split(',')
    .filter((n) => NAME.test(n));
  return new Set(names);
}
