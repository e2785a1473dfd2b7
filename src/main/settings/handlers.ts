// Contract handlers for the Settings page.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { scheduleSetting, settingsView } from './service';

export const settingsHandlers: Handlers<'settings.get' | 'settings.schedule'> = {
  'settings.get': (ctx) => settingsView(ctx.sqlite, ctx.clock.now()),
  'settings.schedule': (ctx, input) => scheduleSetting(ctx, requireOperator(ctx).id, input),
};
