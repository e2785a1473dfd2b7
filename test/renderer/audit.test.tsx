import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, seedDemo } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

function auditFake() {
  const fake = new FakeBridge({ signedInAs: 'ada' });
  fake.addAudit({
    entityType: 'operator',
    action: 'role_changed',
    operatorName: 'Ada Lovelace',
    actor: 'operator',
    oldValues: { role: 'support', name: 'Sam Patel', retired: 'yes' },
    newValues: { role: 'finance', name: 'Sam Patel', note: 'month end' },
  });
  fake.addAudit({
    entityType: 'setting',
    action: 'schedule',
    operatorName: null,
    actor: 'sync',
    newValues: { key: 'platform_fee_bps', value: 1900 },
  });
  return fake;
}

describe('audit log', () => {
  it('opens an entry in a drawer with old and new side by side and the changed keys marked', async () => {
    renderApp(auditFake(), '#/audit');
    const action = await screen.findByText('Changed role');
    expect(action.getAttribute('title')).toBe('role_changed'); // the stored code on hover
    expect(screen.getByText('Scheduled change').getAttribute('title')).toBe('schedule');
    const syncRow = screen.getByText('Scheduled change').closest('tr')!;
    expect(within(syncRow).getByText('Stripe sync').closest('td')!.textContent).toBe('Stripe sync'); // said once
    fireEvent.click(action);
    const drawer = await screen.findByRole('complementary', { name: /Operator · Changed role/ });
    const table = within(drawer).getByRole('table', { name: 'Old and new values' });
    const change = (key: string) => within(table).getByText(key).closest('tr')!.getAttribute('data-change');
    expect(change('role')).toBe('changed');
    expect(change('note')).toBe('added');
    expect(change('retired')).toBe('removed');
    expect(change('name')).toBe('unchanged');
    const roleRow = within(table).getByText('role').closest('tr')!;
    expect(roleRow.textContent).toContain('support');
    expect(roleRow.textContent).toContain('finance');
    expect(roleRow.textContent).toContain('changed'); // said in words, not only in colour
    expect(drawer.textContent).toContain('Ada Lovelace');
    expect(window.location.hash).toMatch(/id=/);
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
  });

  it('filters by entity type through the route and the server', async () => {
    const fake = auditFake();
    renderApp(fake, '#/audit');
    await screen.findByText('Changed role');
    await waitFor(() =>
      expect(
        within(screen.getByRole('group', { name: 'Filters' }))
          .getByRole('combobox', { name: 'Entity' })
          .querySelectorAll('option').length,
      ).toBe(3),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Entity' }), { target: { value: 'setting' } });
    await waitFor(() => expect(window.location.hash).toContain('entity=setting'));
    await waitFor(() => expect(screen.queryByText('Changed role')).toBeNull());
    const last = fake.calls.filter((c) => c.method === 'audit.list').at(-1)!;
    expect(last.input).toMatchObject({ entityType: 'setting', page: 1 });
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(window.location.hash).toBe('#/audit'));
    expect(await screen.findByText('Changed role')).toBeTruthy();
  });

  it('keeps the filters in the route so a shared link opens the same view', async () => {
    const fake = auditFake();
    renderApp(fake, '#/audit?action=schedule&sort=action.asc&q=fee');
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'audit.list')).toBe(true));
    const call = fake.calls.find((c) => c.method === 'audit.list')!;
    expect(call.input).toMatchObject({
      action: 'schedule',
      q: 'fee',
      sort: { column: 'action', direction: 'asc' },
    });
    expect(
      ((await screen.findByRole('searchbox', { name: 'Search the audit log' })) as HTMLInputElement).value,
    ).toBe('fee');
  });

  it('says what a search for an id matches, and says nothing for a word', async () => {
    renderApp(auditFake(), '#/audit?q=ch_3NxZZ9kq');
    expect((await screen.findByText(/^Searching for an id:/)).textContent).toMatch(
      /entries whose entity id or values hold an id that is, or starts with, “ch_3NxZZ9kq”.*inside a longer word is not found/,
    );
    cleanup();
    const fake = auditFake();
    renderApp(fake, '#/audit?q=fee');
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'audit.list')).toBe(true));
    expect(screen.queryByText(/^Searching for an id:/)).toBeNull();
  });

  it('verifies the chain and says it is intact', async () => {
    renderApp(seedDemo(new FakeBridge({ signedInAs: 'ada' })), '#/audit');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify chain' }));
    expect((await screen.findByText(/Intact —/)).textContent).toMatch(/Intact — 41 entries verified/);
  });

  it('names the first broken entry when the chain is broken', async () => {
    const fake = auditFake();
    fake.chain = {
      intact: false,
      checked: 1,
      keyedFrom: 1,
      head: { seq: 1, hash: 'a'.repeat(64) },
      anchor: null,
      firstBroken: { seq: 2, id: 'abc-123', reason: 'hash does not match the row' },
    };
    renderApp(fake, '#/audit');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify chain' }));
    const result = await screen.findByText(/Broken at entry #2/);
    expect(result.textContent).toContain('Broken at entry #2 (abc-123): hash does not match the row');
    expect(result.className).toContain('chain-result--broken');
  });

  it('names where a cut-off chain ends when the missing entries are gone altogether', async () => {
    const fake = auditFake();
    fake.chain = {
      intact: false,
      checked: 40,
      keyedFrom: 1,
      head: { seq: 40, hash: 'a'.repeat(64) },
      anchor: { seq: 43, hash: 'b'.repeat(64) },
      firstBroken: { seq: 41, id: null, reason: 'entries #41–#43 were cut off' },
    };
    renderApp(fake, '#/audit');
    fireEvent.click(await screen.findByRole('button', { name: 'Verify chain' }));
    const result = await screen.findByText(/Broken at entry #41/);
    expect(result.textContent).toContain('Broken at entry #41: entries #41–#43 were cut off');
  });

  it('refreshes when main says the audit table changed', async () => {
    const fake = auditFake();
    renderApp(fake, '#/audit');
    await screen.findByText('Changed role');
    fake.addAudit({
      entityType: 'operator',
      action: 'deactivated',
      operatorName: 'Ada Lovelace',
      actor: 'operator',
    });
    act(() => fake.emit('changed', { tables: ['audit_logs'] }));
    expect(await screen.findByText('Deactivated')).toBeTruthy();
  });
});

describe('a sync batch entry', () => {
  function batchFake() {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    const inputs = Array.from({ length: 30 }, (_, i) => ({
      id: `evt_${1000 + i}`,
      object: `pi_${2000 + i}`,
    }));
    const entry = fake.addAudit({
      entityType: 'sync_batch',
      action: 'sync_batch',
      operatorName: null,
      userId: null,
      actor: 'sync',
      newValues: { inputs, changes: 25, digest: 'ab'.repeat(32) },
    });
    const changes = Array.from({ length: 25 }, (_, n) => ({
      n,
      entityType: 'payment',
      entityId: `0000000${n % 10}-aaaa-4bbb-8ccc-${String(n).padStart(12, '0')}`,
      action: n === 0 ? 'sync_update' : 'sync_create',
      oldValues: n === 0 ? { amount_refunded_pence: 0 } : null,
      newValues: n === 0 ? { amount_refunded_pence: 100 } : { total_amount_pence: 4000 + n },
      root: `payment:pi_${2000 + n}`,
      sources: [inputs[n]!],
    }));
    fake.batchChanges.set(entry.seq, { inputs, total: changes.length, changes });
    return { fake, entry };
  }

  it('says in the list what it holds, and lists its changes per entity with values and sources in its drawer', async () => {
    const { fake } = batchFake();
    renderApp(fake, '#/audit');
    const summary = await screen.findByText('25 changes from 30 Stripe inputs');
    fireEvent.click(summary);
    const drawer = await screen.findByRole('complementary', { name: /Sync batch · Applied from Stripe/ });
    const changes = await within(drawer).findByRole('region', { name: 'Changes' });
    await waitFor(() => expect(within(changes).getAllByRole('article')).toHaveLength(20));
    const first = within(changes).getAllByRole('article')[0]!;
    expect(first.textContent).toContain('payment:pi_2000');
    expect(first.textContent).toContain('pi_2000');
    const values = within(first).getByRole('table', { name: 'Old and new values of Payment' });
    const row = within(values).getByText('amount_refunded_pence').closest('tr')!;
    expect(row.getAttribute('data-change')).toBe('changed');
    expect(row.textContent).toContain('100');
    fireEvent.click(within(changes).getByRole('button', { name: 'Show 5 more' }));
    await waitFor(() => expect(within(changes).getAllByRole('article')).toHaveLength(25));
    const inputsShown = within(drawer).getByRole('region', { name: 'Inputs applied (30)' });
    expect(within(inputsShown).getAllByRole('listitem')).toHaveLength(30);
  });

  it('narrows its changes to the id searched on the page', async () => {
    const { fake, entry } = batchFake();
    renderApp(fake, `#/audit?q=00000003-aaaa&id=${entry.id}`);
    const drawer = await screen.findByRole('complementary', { name: /Sync batch/ });
    const changes = await within(drawer).findByRole('region', { name: 'Changes matching “00000003-aaaa”' });
    await waitFor(() => expect(within(changes).getAllByRole('article')).toHaveLength(3));
    expect(changes.textContent).toContain('3 changes, in the order sync made them.');
  });
});
