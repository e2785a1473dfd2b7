// A second console process on the same workspace for the uniqueness test: signs in and creates one code when told
// to start, printing the contract's answer as one JSON line.
import { openSyncCore, OPERATOR_PASSWORD } from '../sync/harness';

const { dir, port, username, code, startAt } = JSON.parse(process.env.LPLATE_CODE_ARGS ?? '{}') as {
  dir: string;
  port: number;
  username: string;
  code: string;
  startAt: number;
};
const { core, close } = await openSyncCore(port, { dir, background: false });
const signedIn = await core.dispatcher.call('desk', 'auth.signIn', { username, password: OPERATOR_PASSWORD });
if (!signedIn.ok) throw new Error(signedIn.error.message);
// Every process waits for the same instant, so their transactions really overlap.
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
const result = await core.dispatcher.call('desk', 'codes.create', {
  kind: 'discount',
  code,
  percentage: 10,
  maxUses: null,
  expiresOn: null,
});
close();
process.stdout.write(JSON.stringify(result) + '\n');
