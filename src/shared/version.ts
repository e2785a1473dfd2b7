// The console's version, shared by the server and every client so a mismatch can be named (kept equal to package.json by a unit test).
export const APP_VERSION = '0.1.0';

/** The header every client sends with its version; a server of another version refuses the call and says why. */
export const VERSION_HEADER = 'x-lplate-version';
