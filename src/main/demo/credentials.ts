// The demo workspace's operators: one per role, with fixed passwords that its sign-in screen shows.
import type { Role } from '../../shared/contract/define';

export interface DemoOperator {
  username: string;
  password: string;
  role: Role;
  name: string;
  email: string;
}

export const DEMO_OPERATORS: DemoOperator[] = [
  {
    username: 'admin',
    password: 'demo-admin-pass',
    role: 'admin',
    name: 'Alex Admin',
    email: 'admin@demo.lplate.test',
  },
  {
    username: 'finance',
    password: 'demo-finance-pass',
    role: 'finance',
    name: 'Fran Finance',
    email: 'finance@demo.lplate.test',
  },
  {
    username: 'manager',
    password: 'demo-manager-pass',
    role: 'manager',
    name: 'Morgan Manager',
    email: 'manager@demo.lplate.test',
  },
  {
    username: 'support',
    password: 'demo-support-pass',
    role: 'support',
    name: 'Sam Support',
    email: 'support@demo.lplate.test',
  },
];

export const DEMO_CREDENTIALS = DEMO_OPERATORS.map(({ username, password, role }) => ({
  username,
  password,
  role,
}));
