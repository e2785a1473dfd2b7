// /v1/accounts: connected accounts (Express, GB) as the platform sees them.
import type { Route } from './route';
import { LIST_KEYS } from './params';
import { list, one, params } from './route';
import { invalidRequest } from '../core/errors';
import { paginate } from '../core/list';
import { createAccount, getAccount, updateAccount } from '../ops/accounts';
import { renderAccount } from '../render/others';

const WRITE_KEYS = [
  'email',
  'metadata',
  'business_profile',
  'capabilities',
  'business_type',
  'country',
  'type',
  'default_currency',
  'settings',
];

function profileName(raw: unknown): string | null | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const name = (raw as Record<string, unknown>).name;
  return typeof name === 'string' ? name || null : undefined;
}

export const accountRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/accounts',
    handler: (ctx) => {
      const p = params(ctx, WRITE_KEYS);
      const type = p.str('type') ?? 'express';
      if (type !== 'express')
        throw invalidRequest(
          `This simulator creates express accounts only, not ${type}.`,
          'type',
          'parameter_invalid_string',
        );
      const country = p.str('country') ?? 'GB';
      if (country !== 'GB')
        throw invalidRequest(
          `This simulator creates GB accounts only, not ${country}.`,
          'country',
          'parameter_invalid_string',
        );
      const a = createAccount(ctx.state, {
        email: p.str('email') ?? null,
        name: profileName(p.raw.business_profile) ?? null,
        metadata: p.metadata(),
      });
      return one(ctx, p, renderAccount(ctx.state, a));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/accounts',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS]);
      const page = paginate(ctx.state.accounts.items, (id) => ctx.state.accounts.position(id), p.list());
      return list(ctx, p, '/v1/accounts', page, (a) => renderAccount(ctx.state, a));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/accounts/:id',
    handler: (ctx) => {
      const p = params(ctx, []);
      return one(ctx, p, renderAccount(ctx.state, getAccount(ctx.state, ctx.path.id!)));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/account',
    handler: (ctx) => {
      const p = params(ctx, []);
      if (ctx.account === null)
        throw invalidRequest(
          'The platform account is not simulated; pass Stripe-Account.',
          undefined,
          undefined,
          404,
        );
      return one(ctx, p, renderAccount(ctx.state, getAccount(ctx.state, ctx.account)));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/accounts/:id',
    handler: (ctx) => {
      const p = params(ctx, ['email', 'metadata', 'business_profile']);
      const a = updateAccount(ctx.state, ctx.path.id!, {
        email: p.nullableStr('email'),
        name: profileName(p.raw.business_profile),
        metadata: p.metadata(),
      });
      return one(ctx, p, renderAccount(ctx.state, a));
    },
  },
];
