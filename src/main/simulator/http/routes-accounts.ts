// /v1/accounts: connected accounts (Express, GB) as the platform sees them; /v1/account: the platform or one account.
import type { Route } from './route';
import { LIST_KEYS, type Params } from './params';
import { list, one, params } from './route';
import { invalidParam } from '../core/errors';
import { paginate } from '../core/list';
import { createAccount, getAccount, updateAccount, type AccountInput } from '../ops/accounts';
import { renderAccount, renderPlatformAccount } from '../render/others';

const PROFILE_KEYS = ['name', 'url', 'mcc', 'product_description', 'support_email'].map(
  (k) => `business_profile[${k}]`,
);
const SCHEDULE_KEYS = ['interval', 'delay_days', 'weekly_anchor'].map(
  (k) => `settings[payouts][schedule][${k}]`,
);
const UPDATE_KEYS = ['email', 'metadata', ...PROFILE_KEYS, ...SCHEDULE_KEYS];
const CREATE_KEYS = [
  ...UPDATE_KEYS,
  'capabilities[transfers][requested]',
  'capabilities[card_payments][requested]',
  'business_type',
  'country',
  'type',
  'default_currency',
];

/** The writable fields common to create and update, including settings.payouts.schedule. */
function accountInput(p: Params): AccountInput {
  const schedule = (k: string) => p.at('settings', 'payouts', 'schedule', k);
  const delay = schedule('delay_days');
  const interval = p.oneOf(
    'settings[payouts][schedule][interval]',
    ['daily', 'weekly', 'manual'],
    schedule('interval'),
  );
  // Weekly payouts run on Fridays here: another anchor is refused rather than silently ignored.
  p.oneOf('settings[payouts][schedule][weekly_anchor]', ['friday'], schedule('weekly_anchor'));
  const name = p.str('business_profile[name]', p.at('business_profile', 'name'));
  return {
    email: p.nullableStr('email'),
    name: name === undefined ? undefined : name || null,
    metadata: p.metadata(),
    payoutSchedule: interval,
    delayDays:
      delay === undefined || delay === 'minimum'
        ? undefined
        : p.positiveInt('settings[payouts][schedule][delay_days]', delay),
  };
}

export const accountRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/v1/accounts',
    resource: 'account',
    handler: (ctx) => {
      const p = params(ctx, CREATE_KEYS);
      const type = p.str('type') ?? 'express';
      if (type !== 'express')
        throw invalidParam('type', `This simulator creates express accounts only, not ${type}.`);
      const country = p.str('country') ?? 'GB';
      if (country !== 'GB')
        throw invalidParam('country', `This simulator creates GB accounts only, not ${country}.`);
      const input = accountInput(p);
      const a = createAccount(ctx.state, { ...input, email: input.email ?? null });
      return one(ctx, p, renderAccount(ctx.state, a));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/accounts',
    resource: 'account',
    handler: (ctx) => {
      const p = params(ctx, [...LIST_KEYS]);
      const page = paginate(ctx.state.accounts.items, (id) => ctx.state.accounts.position(id), p.list());
      return list(ctx, p, '/v1/accounts', page, (a) => renderAccount(ctx.state, a));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/accounts/:id',
    resource: 'account',
    handler: (ctx) => {
      const p = params(ctx, []);
      return one(ctx, p, renderAccount(ctx.state, getAccount(ctx.state, ctx.path.id!)));
    },
  },
  {
    method: 'GET',
    pattern: '/v1/account',
    resource: 'account',
    handler: (ctx) => {
      const p = params(ctx, []);
      if (ctx.account === null) return one(ctx, p, renderPlatformAccount(ctx.state));
      return one(ctx, p, renderAccount(ctx.state, getAccount(ctx.state, ctx.account)));
    },
  },
  {
    method: 'POST',
    pattern: '/v1/accounts/:id',
    resource: 'account',
    handler: (ctx) => {
      const p = params(ctx, UPDATE_KEYS);
      const a = updateAccount(ctx.state, ctx.path.id!, accountInput(p));
      return one(ctx, p, renderAccount(ctx.state, a));
    },
  },
];
