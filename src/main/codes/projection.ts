// The codes domain's part of the projection: promotion codes (with their coupons) become discount or referral codes.
import type { DomainProjection } from '../projection/registry';
import { projectPromotionCode } from './projectors/promotion-code';

export const codesProjection: DomainProjection = {
  domain: 'codes',
  projectors: { promotion: projectPromotionCode },
  routes: { promotion_code: (p) => `promotion:${p.id}` },
  tables: [
    { name: 'discount_codes', kind: 'projected', hash: 'SELECT * FROM discount_codes ORDER BY id' },
    { name: 'referral_codes', kind: 'projected', hash: 'SELECT * FROM referral_codes ORDER BY id' },
  ],
  afterMigration: {
    // Code rows learnt which Stripe promotion code they mirror.
    '0008_codes_promotion_code': (sqlite) =>
      sqlite
        .prepare("SELECT DISTINCT root FROM projection_refs WHERE root LIKE 'promotion:%' ORDER BY root")
        .pluck()
        .all() as string[],
  },
};
