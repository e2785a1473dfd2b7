// The bench profiles' reader: each function's own time, idle apart, files named from the project's root.
import { describe, expect, it } from 'vitest';
import { ownTimes, type CpuProfile } from '../../scripts/cpu-profile';

const ROOT = new URL('../../', import.meta.url).href;
const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url } });

describe('reading a CPU profile', () => {
  it('adds up each function’s samples, leaves idle time out of the busy time, and names files short', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)'),
        frame(2, '(idle)'),
        frame(3, 'writeRow', `${ROOT}src/main/projection/rows.ts`),
        frame(
          4,
          'sqliteTransaction',
          'file:///somewhere/node_modules/better-sqlite3/lib/methods/transaction.js',
        ),
        frame(5, '', `${ROOT}src/main/ledger/journal-store.ts`),
        frame(6, 'writeRow', `${ROOT}src/main/projection/rows.ts`),
      ],
      samples: [2, 3, 4, 3, 5, 2, 6],
      timeDeltas: [500, 100, 310, 150, 40, 700, 50],
    };
    expect(ownTimes(profile)).toEqual({
      idle: 1200,
      busy: 650,
      byFunction: [
        ['sqliteTransaction better-sqlite3/lib/methods/transaction.js', 310],
        ['writeRow src/main/projection/rows.ts', 300],
        ['(anonymous) src/main/ledger/journal-store.ts', 40],
      ],
    });
  });
});
