// One contract connection per Electron webContents: the id format shared by IPC calls and push routing.
const PREFIX = 'wc:';

export function connectionIdFor(webContentsId: number): string {
  return `${PREFIX}${webContentsId}`;
}

/** The webContents id of one of our connection ids, or `null` for any other connection (HTTP tab, CLI). */
export function webContentsIdOf(connectionId: string): number | null {
  if (!connectionId.startsWith(PREFIX)) return null;
  const rest = connectionId.slice(PREFIX.length);
  if (!/^[1-9][0-9]*$/.test(rest)) return null;
  const id = Number(rest);
  return Number.isSafeInteger(id) ? id : null;
}
