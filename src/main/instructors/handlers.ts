// Contract handlers of the instructors domain (read side of the Instructors page).
import type { Handlers } from '../api/context';
import type { instructorsContract } from '../../shared/contract/instructors';
import { listInstructors } from './queries';

export const instructorsHandlers: Handlers<keyof typeof instructorsContract> = {
  'instructors.list': (ctx, input) => listInstructors(ctx.sqlite, ctx.workspace.mode, input, ctx.clock.now()),
};
