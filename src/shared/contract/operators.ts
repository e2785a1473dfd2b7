// Managing the console's operators: add, change role, deactivate (never delete).
import { z } from 'zod';
import { method, type Page } from './define';
import { uuid, pageInput } from './common';
import { username, displayName, email, password, role, type OperatorView } from './auth';

const managers = ['admin', 'manager'] as const;

export const operatorsContract = {
  'operators.list': method<Page<OperatorView>>()({
    input: pageInput(['username', 'name', 'role', 'created_at', 'last_sign_in_at'], 'created_at').extend({
      includeInactive: z.boolean().default(true),
    }),
    access: managers,
    reads: ['operators', 'users'],
    writes: [],
    summary: 'Lists operators, paged and sorted.',
  }),
  'operators.add': method<OperatorView>()({
    input: z.strictObject({ username, name: displayName, email, role, password }),
    access: managers,
    reads: ['operators'],
    writes: ['users', 'operators', 'audit_logs'],
    summary: 'Adds an operator with a starting password. Only an admin may add an admin.',
  }),
  'operators.setRole': method<OperatorView>()({
    input: z.strictObject({ id: uuid, role }),
    access: managers,
    reads: ['operators'],
    writes: ['operators', 'audit_logs'],
    summary: "Changes an operator's role. Only an admin may grant or remove admin.",
  }),
  'operators.setActive': method<OperatorView>()({
    input: z.strictObject({ id: uuid, active: z.boolean() }),
    access: managers,
    reads: ['operators'],
    writes: ['operators', 'audit_logs'],
    summary: 'Deactivates or reactivates an operator (operators are never deleted).',
  }),
};
