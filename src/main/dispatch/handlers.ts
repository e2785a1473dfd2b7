// Every contract method's handler, merged; the type makes a missing handler a compile error.
import type { MethodName } from '../../shared/contract';
import type { Handlers } from '../api/context';
import { authHandlers } from '../auth/handlers';
import { operatorsHandlers } from '../operators/handlers';
import { auditHandlers } from '../audit-log/handlers';
import { settingsHandlers } from '../settings/handlers';
import { syncHandlers } from '../sync/handlers';
import { ledgerHandlers } from '../ledger/handlers';
import { paymentsHandlers } from '../payments/handlers';
import { instructorsHandlers } from '../instructors/handlers';
import { overviewHandlers } from '../overview/handlers';
import { jobsHandlers } from '../jobs/handlers';
import { codesHandlers } from '../codes/handlers';
import { peopleHandlers } from '../people/handlers';
import { creditsHandlers } from '../credits/handlers';
import { teamHandlers } from '../team/handlers';
import { desktopHandlers } from '../desktop/handlers';
import { payoutsHandlers } from '../payouts/handlers';
import { refundsHandlers } from '../refunds/handlers';
import { reconHandlers } from '../recon/handlers';
import { unattributedHandlers } from '../attributions/handlers';
import { searchHandlers } from '../search/handlers';

export const handlers: Handlers<MethodName> = {
  ...authHandlers,
  ...operatorsHandlers,
  ...auditHandlers,
  ...settingsHandlers,
  ...syncHandlers,
  ...ledgerHandlers,
  ...paymentsHandlers,
  ...instructorsHandlers,
  ...overviewHandlers,
  ...jobsHandlers,
  ...codesHandlers,
  ...peopleHandlers,
  ...creditsHandlers,
  ...teamHandlers,
  ...desktopHandlers,
  ...payoutsHandlers,
  ...refundsHandlers,
  ...reconHandlers,
  ...unattributedHandlers,
  ...searchHandlers,
};
