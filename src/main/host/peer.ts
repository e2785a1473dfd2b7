// Where an HTTP call comes from, in the words the sessions list shows: the address and the kind of client.
const CLIENTS: [RegExp, string][] = [
  [/LPlate-Desktop\/([\d.]+)/, 'LPlate desktop $1'],
  [/Edg\/(\d+)/, 'Edge $1'],
  [/Firefox\/(\d+)/, 'Firefox $1'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome $1'],
  [/Version\/(\d+).*Safari/, 'Safari $1'],
];

export function peerLabel(remoteAddress: string | undefined, userAgent: string | undefined): string {
  const address = (remoteAddress ?? 'unknown address').replace(/^::ffff:/, '');
  const agent = userAgent ?? '';
  for (const [pattern, label] of CLIENTS) {
    const match = pattern.exec(agent);
    if (match) return `${address} · ${label.replace('$1', match[1]!)}`;
  }
  return `${address} · ${agent ? 'other client' : 'unknown client'}`;
}
