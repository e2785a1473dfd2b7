// Every domain's part of the projection, in the order the core projects, rebuilds, hashes and checks them.
import { createProjection } from './projection/registry';
import { stripeObjectsProjection } from './sync/projection';
import { peopleProjection } from './people/projection';
import { codesProjection } from './codes/projection';
import { paymentsProjection } from './payments/projection';
import { payoutsProjection } from './payouts/projection';
import { creditsProjection } from './credits/projection';
import { ledgerProjection } from './ledger/projection';
import { refundsProjection } from './refunds/projection';
import { reconProjection } from './recon/projection';
import { attributionsProjection } from './attributions/projection';

export const PROJECTION = createProjection(
  [
    stripeObjectsProjection,
    peopleProjection,
    codesProjection,
    paymentsProjection,
    payoutsProjection,
    creditsProjection,
    ledgerProjection,
    refundsProjection,
    reconProjection,
    attributionsProjection,
  ],
  // A root only reads rows written by earlier phases (or by itself).
  [
    'account',
    'codetext',
    'payment',
    'codeuses',
    'transfer',
    'payout',
    'fee',
    'learner',
    'rate',
    'pair',
    'payable',
  ],
);
