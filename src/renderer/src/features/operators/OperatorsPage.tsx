// Operators (admin and manager): list, add, change role, deactivate and reactivate — operators are never deleted.
import { useMemo, useState } from 'react';
import type { OperatorView } from '@shared/contract/auth';
import type { Role } from '@shared/contract';
import { apiErrorOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import { readPage, readSort, routedTableProps } from '../../lib/list-params';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import {
  Badge,
  ConfirmDialog,
  DataTable,
  DateTime,
  Drawer,
  Id,
  SelectField,
  useToast,
  type DataColumn,
} from '../../components/ui';
import { formatInstant } from '@shared/dates';
import { AddOperatorDialog } from './AddOperatorDialog';
import { grantableRoles, ROLE_LABEL, ROLE_TONE } from './roles';

const SORTS = ['username', 'name', 'role', 'created_at', 'last_sign_in_at'] as const;
const PAGE_SIZE = 50;

export const operatorColumns: DataColumn<OperatorView>[] = [
  {
    id: 'username',
    header: 'Username',
    sortKey: 'username',
    sortDescFirst: false,
    width: 136,
    cell: (o) => <code>{o.username}</code>,
    csv: (o) => o.username,
  },
  {
    id: 'name',
    header: 'Name',
    sortKey: 'name',
    sortDescFirst: false,
    cell: (o) => o.name,
    csv: (o) => o.name,
  },
  {
    id: 'email',
    header: 'Email',
    // The drawer names it, as it does the last sign-in: a narrow table keeps who, role, status and the order's date.
    hideBelow: 950,
    cell: (o) => <span className="muted">{o.email}</span>,
    csv: (o) => o.email,
  },
  {
    id: 'role',
    header: 'Role',
    sortKey: 'role',
    sortDescFirst: false,
    width: 110,
    cell: (o) => <Badge tone={ROLE_TONE[o.role]}>{ROLE_LABEL[o.role]}</Badge>,
    csv: (o) => o.role,
  },
  {
    id: 'active',
    header: 'Status',
    width: 130,
    cell: (o) => (o.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Deactivated</Badge>),
    csv: (o) => (o.isActive ? 'active' : 'deactivated'),
  },
  {
    id: 'last',
    header: 'Last sign-in',
    sortKey: 'last_sign_in_at',
    width: 160,
    hideBelow: 950,
    cell: (o) => <DateTime ms={o.lastSignInAt} empty="Never" />,
    csv: (o) => (o.lastSignInAt ? formatInstant(o.lastSignInAt) : ''),
  },
  {
    id: 'created',
    header: 'Created',
    sortKey: 'created_at',
    width: 160,
    cell: (o) => <DateTime ms={o.createdAt} />,
    csv: (o) => formatInstant(o.createdAt),
  },
];

export function OperatorsPage({ operator }: { operator: OperatorView }) {
  const [params, setParams] = useRouteParams();
  const page = readPage(params);
  const sort = readSort(params, SORTS, { column: 'created_at', direction: 'desc' });
  const openId = params.get('id');
  const [adding, setAdding] = useState(false);

  const input = useMemo(() => ({ page, pageSize: PAGE_SIZE, sort, includeInactive: true }), [page, sort]);
  const list = useQueryMethod('operators.list', input, { placeholderData: (prev) => prev });
  const selected = list.data?.rows.find((o) => o.id === openId) ?? null;

  return (
    <div className="page">
      <PageHeader
        title="Operators"
        description="People who can sign in to this console. Operators are deactivated, never deleted, so the audit trail keeps their name."
        actions={
          <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
            Add operator
          </button>
        }
      />
      <DataTable
        label="Operators"
        columns={operatorColumns}
        {...routedTableProps(list, { page, pageSize: PAGE_SIZE, sort, openId, setParams })}
        emptyTitle="No operators"
        emptyMessage="Add the people who run payouts, refunds and reconciliation."
        exportName="operators"
      />
      <AddOperatorDialog open={adding} actorRole={operator.role} onClose={() => setAdding(false)} />
      <OperatorDrawer
        key={selected?.id ?? 'none'}
        target={selected}
        actor={operator}
        onClose={() => setParams({ id: undefined })}
      />
    </div>
  );
}

type Pending = { kind: 'role'; role: Role } | { kind: 'active'; active: boolean } | null;

function OperatorDrawer({
  target,
  actor,
  onClose,
}: {
  target: OperatorView | null;
  actor: OperatorView;
  onClose: () => void;
}) {
  const [role, setRole] = useState<Role | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const toast = useToast();
  const setRoleMutation = useMutationMethod('operators.setRole', {
    onSuccess: (op) => {
      toast(`${op.name} is now ${ROLE_LABEL[op.role].toLowerCase()}.`);
      setPending(null);
      setRole(null);
    },
  });
  const setActiveMutation = useMutationMethod('operators.setActive', {
    onSuccess: (op) => {
      toast(
        op.isActive
          ? `${op.name} can sign in again.`
          : `${op.name} is deactivated and can no longer sign in.`,
      );
      setPending(null);
    },
  });
  if (!target) return null;
  const chosenRole = role ?? target.role;
  const roleOptions = grantableRoles(actor.role);
  const canEditRole = roleOptions.includes(target.role);
  const mutationError = apiErrorOf(
    pending?.kind === 'role' ? setRoleMutation.error : setActiveMutation.error,
  );

  const cancel = () => {
    setPending(null);
    setRoleMutation.reset();
    setActiveMutation.reset();
  };

  return (
    <>
      <Drawer
        open
        title={target.name}
        subtitle={
          <>
            <code>{target.username}</code> · {target.email}
          </>
        }
        onClose={onClose}
        footer={
          target.isActive ? (
            <button
              type="button"
              className="button"
              onClick={() => setPending({ kind: 'active', active: false })}
            >
              Deactivate
            </button>
          ) : (
            <button
              type="button"
              className="button"
              onClick={() => setPending({ kind: 'active', active: true })}
            >
              Reactivate
            </button>
          )
        }
      >
        <dl className="details">
          <dt>Role</dt>
          <dd>
            <Badge tone={ROLE_TONE[target.role]}>{ROLE_LABEL[target.role]}</Badge>
          </dd>
          <dt>Status</dt>
          <dd>
            {target.isActive ? <Badge tone="green">Active</Badge> : <Badge tone="grey">Deactivated</Badge>}
          </dd>
          <dt>Last sign-in</dt>
          <dd>
            <DateTime ms={target.lastSignInAt} empty="Never" />
          </dd>
          <dt>Created</dt>
          <dd>
            <DateTime ms={target.createdAt} />
          </dd>
          <dt>Operator id</dt>
          <dd>
            <Id value={target.id} label="operator id" />
          </dd>
        </dl>
        <section className="drawer-section">
          <h3 className="drawer-section__title">Change role</h3>
          {canEditRole ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (chosenRole !== target.role) setPending({ kind: 'role', role: chosenRole });
              }}
            >
              <SelectField
                label="New role"
                value={chosenRole}
                onChange={(e) => setRole(e.target.value as Role)}
                options={roleOptions.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
              />
              <button type="submit" className="button" disabled={chosenRole === target.role}>
                Change role
              </button>
            </form>
          ) : (
            <p className="muted">Only an admin can change the role of an admin.</p>
          )}
        </section>
      </Drawer>
      <ConfirmDialog
        open={pending?.kind === 'role'}
        title="Change role"
        effect={
          pending?.kind === 'role' ? (
            <>
              Change <strong>{target.name}</strong> from {ROLE_LABEL[target.role].toLowerCase()} to{' '}
              <strong>{ROLE_LABEL[pending.role].toLowerCase()}</strong>. What they can see and do changes at
              their next request.
            </>
          ) : null
        }
        confirmLabel="Change role"
        pending={setRoleMutation.isPending}
        error={pending?.kind === 'role' ? (mutationError?.message ?? null) : null}
        onConfirm={() =>
          pending?.kind === 'role' && setRoleMutation.mutate({ id: target.id, role: pending.role })
        }
        onCancel={cancel}
      />
      <ConfirmDialog
        open={pending?.kind === 'active'}
        title={pending?.kind === 'active' && pending.active ? 'Reactivate operator' : 'Deactivate operator'}
        effect={
          pending?.kind === 'active' && pending.active ? (
            <>
              <strong>{target.name}</strong> ({ROLE_LABEL[target.role].toLowerCase()}) will be able to sign in
              again with their existing password.
            </>
          ) : (
            <>
              <strong>{target.name}</strong> ({ROLE_LABEL[target.role].toLowerCase()}) will no longer be able
              to sign in, and any session they have open ends.
            </>
          )
        }
        notes="Nothing is deleted: their name stays on every audit entry, and they can be reactivated later."
        confirmLabel={pending?.kind === 'active' && pending.active ? 'Reactivate' : 'Deactivate'}
        tone={pending?.kind === 'active' && pending.active ? 'default' : 'danger'}
        pending={setActiveMutation.isPending}
        error={pending?.kind === 'active' ? (mutationError?.message ?? null) : null}
        onConfirm={() =>
          pending?.kind === 'active' && setActiveMutation.mutate({ id: target.id, active: pending.active })
        }
        onCancel={cancel}
      />
    </>
  );
}
