// The codes domain's part of the projection: each code text (the console's definition and Stripe's promotion codes
// of that text) becomes a discount or referral code, and its uses are its payments' (kept by triggers on payments).
import type { DomainProjection } from '../projection/registry';
import { codeTextRoot } from './code-text';
import { projectCodeText } from './projectors/code-text';
import { projectCodeUses } from './projectors/code-uses';

export const codesProjection: DomainProjection = {
  domain: 'codes',
  projectors: { codetext: projectCodeText, codeuses: projectCodeUses },
  routes: { promotion_code: (p) => (typeof p.code === 'string' ? codeTextRoot(p.code) : null) },
  tables: [
    { name: 'discount_codes', kind: 'projected', hash: 'SELECT * FROM discount_codes ORDER BY id' },
    { name: 'referral_codes', kind: 'projected', hash: 'SELECT * FROM referral_codes ORDER BY id' },
    // Kept by triggers on payments (each code's uses): written whenever payments are.
    { name: 'code_use_counts', kind: 'projected' },
    {
      name: 'code_definitions',
      kind: 'record',
      // Who made a code is the console's business, not the ledger's.
      hash: `SELECT id, kind, code, discount_percentage, max_uses, expires_on, is_active, referrer_id
             FROM code_definitions ORDER BY id`,
    },
  ],
  // Codes only the console knows (not yet in Stripe) come back from their definitions.
  rebuildRoots: (sqlite) =>
    (sqlite.prepare('SELECT code FROM code_definitions ORDER BY code').pluck().all() as string[]).map(
      codeTextRoot,
    ),
  afterMigration: {
    // A code text's key is only ever a root, named with the refs it reads.
    '0011_code_definitions': (sqlite) => [
      ...(sqlite
        .prepare(
          "SELECT key FROM projection_keys WHERE key >= 'codetext:' AND key < 'codetext;' ORDER BY key",
        )
        .pluck()
        .all() as string[]),
      ...(
        sqlite
          .prepare('SELECT id FROM discount_codes UNION SELECT id FROM referral_codes ORDER BY 1')
          .pluck()
          .all() as string[]
      ).map((id) => `codeuses:${id}`),
    ],
  },
};
