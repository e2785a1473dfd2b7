// The bench profiles' reader: each function's own time, idle apart, files named from the project's root.
import { describe, expect, it } from 'vitest';
import { ownTimes, type CpuProfile } from '../../scripts/cpu-profile';

const ROOT = new URL('../../', import.meta.url).href;
const frame = (id: number, functionName: string, url = '') => ({ id, callFrame: { functionName, url } });

describe('reading a CPU profile', () => {
  it('counts each sample until the next, adds up a function’s samples, leaves idle time out, and names files short', () => {
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
      startTime: 1_000,
      endTime: 2_930,
      samples: [2, 3, 4, 3, 5, 2, 6],
      // Each sample counts until the next: idle 100 + 50, writeRow 310 + 40 + 80 (to the end), and so on.
      timeDeltas: [500, 100, 310, 150, 40, 700, 50],
    };
    expect(ownTimes(profile)).toEqual({
      idle: 150,
      busy: 1280,
      byFunction: [
        ['(anonymous) src/main/ledger/journal-store.ts', 700],
        ['writeRow src/main/projection/rows.ts', 430],
        ['sqliteTransaction better-sqlite3/lib/methods/transaction.js', 150],
      ],
    });
  });
});
