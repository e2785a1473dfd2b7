// Contract handlers of the instructors domain (read side of the Instructors page).
import type { Handlers } from '../api/context';
import type { instructorsContract } from '../../shared/contract/instructors';
import { instructorSums, listInstructors } from './queries';
import { startInstructorsExport } from './export';

export const instructorsHandlers: Handlers<keyof typeof instructorsContract> = {
  'instructors.list': (ctx, input) => listInstructors(ctx.sqlite, ctx.workspace.mode, input, ctx.clock.now()),
  'instructors.totals': (ctx, input) => instructorSums(ctx.sqlite, input),
  'instructors.export': (ctx, input) => startInstructorsExport(ctx, input),
};
