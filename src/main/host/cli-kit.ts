// What every `lplate` command shares: the terminal it talks to, exit codes, calls through the contract, sign-in, tables.
import type { ApiError, MethodName, InputOf, OutputOf } from '../../shared/contract';
import type { Core } from '../core';

export const EXIT = { done: 0, failed: 1, usage: 2 } as const;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  askPassword: (question: string) => Promise<string>;
}

export class UsageError extends Error {}
export class CallFailed extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export async function call<M extends MethodName>(
  core: Core,
  connection: string,
  method: M,
  input: InputOf<M>,
): Promise<OutputOf<M>> {
  const result = await core.dispatcher.call(connection, method, input);
  if (!result.ok) throw new CallFailed(result.error);
  return result.data as OutputOf<M>;
}

export async function signIn(
  core: Core,
  connection: string,
  operator: string | undefined,
  io: CliIo,
): Promise<void> {
  if (!operator)
    throw new UsageError('This command needs --operator NAME (and LPLATE_PASSWORD or a prompt).');
  const password = io.env.LPLATE_PASSWORD ?? (await io.askPassword(`Password for ${operator}: `));
  await call(core, connection, 'auth.signIn', { username: operator, password });
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
