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
};
