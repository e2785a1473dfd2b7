// A second console process on the same workspace for the race test: signs in and approves one refund request when
// told to start, printing the contract's answer as one JSON line.
import { openSyncCore, OPERATOR_PASSWORD } from '../sync/harness';

const { dir, port, username, requestId, startAt } = JSON.parse(process.env.LPLATE_REFUND_ARGS ?? '{}') as {
  dir: string;
  port: number;
  username: string;
  requestId: string;
  startAt: number;
};
const { core, close } = await openSyncCore(port, { dir, background: false });
const signedIn = await core.dispatcher.call('desk', 'auth.signIn', { username, password: OPERATOR_PASSWORD });
if (!signedIn.ok) throw new Error(signedIn.error.message);
// Every process waits for the same instant, so their transactions really overlap.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const result = await core.dispatcher.call('desk', 'refunds.decide', { requestId, decision: 'approve' });
close();
process.stdout.write(JSON.stringify(result) + '\n');
