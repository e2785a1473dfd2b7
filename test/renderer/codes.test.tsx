import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { READABLE_ALPHABET } from '@shared/codes';
import { FakeBridge, jobProgress, seedDemo } from './fake-bridge';
import { renderApp } from './render';

const downloads = vi.hoisted(() => [] as { filename: string; csv: string }[]);
vi.mock('../../src/renderer/src/lib/csv', () => ({
  downloadCsv: (filename: string, csv: string) => downloads.push({ filename, csv }),
}));

afterEach(() => {
  cleanup();
  window.location.hash = '';
  downloads.length = 0;
});

const grid = () => screen.getByRole('grid');
const rowOf = (code: string) => within(grid()).getByText(code).closest('tr')!;
const callsOf = (fake: FakeBridge, method: string) => fake.calls.filter((c) => c.method === method);
const idOf = (fake: FakeBridge, code: string) => fake.codes.find((c) => c.code === code)!.id;
/** Lets a mutation that was (wrongly) started reach the bridge, so "nothing was sent" means it. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

async function openCode(code: string) {
  await screen.findByText(code);
  fireEvent.click(rowOf(code));
  const drawer = await screen.findByRole('complementary', { name: code });
  await within(drawer).findByRole('region', { name: 'Money' });
  return drawer;
}

function fill(dialog: HTMLElement, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values))
    fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

async function openNewCode() {
  fireEvent.click(await screen.findByRole('button', { name: 'New code' }));
  return screen.findByRole('dialog', { name: 'New code' });
}

describe('codes page', () => {
  it('lists codes with usage, limit, expiry, status, Stripe state, who made them and revenue', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    await screen.findByText('WELCOME10');
    const welcome = rowOf('WELCOME10');
    expect(welcome.textContent).toContain('212 / no limit');
    expect(welcome.textContent).toContain('£7,504.80');
    expect(welcome.textContent).toContain('Farah Finance');
    expect(within(welcome).getByText('Active')).toBeTruthy();
    expect(within(welcome).getByText('In Stripe')).toBeTruthy();
    expect(within(rowOf('SUMMER15')).getByText('Expired')).toBeTruthy();
    expect(within(rowOf('LPLATE20')).getByText('Used up')).toBeTruthy();
    const spring = rowOf('SPRING5');
    expect(within(spring).getByText('Deactivated')).toBeTruthy();
    expect(within(spring).getByText('Made in Stripe')).toBeTruthy();
    expect(
      within(spring).getByText('Stripe', { exact: true }).closest('[title]')!.getAttribute('title'),
    ).toMatch(/^Created \d/);
    expect(within(spring).getByRole('img', { name: /2 flags: Stripe counted 4 redemptions/ })).toBeTruthy();
    const refused = within(rowOf('FREELESSON')).getByText('Refused by Stripe');
    expect(refused.closest('.badge')!.className).toContain('badge--red');
    expect(refused.closest('.badge')!.getAttribute('title')).toContain('resource_already_exists');

    fireEvent.click(screen.getByRole('tab', { name: 'Referral codes' }));
    await waitFor(() => expect(window.location.hash).toContain('kind=referral'));
    await screen.findByText('REF-AMIRA');
    expect(rowOf('REF-AMIRA').textContent).toContain('Amira Khan');
    expect(screen.queryByText('WELCOME10')).toBeNull();
  });

  it('filters by status through the route', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    await screen.findByText('WELCOME10');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'paused' } });
    await waitFor(() => expect(window.location.hash).toContain('status=paused'));
    await waitFor(() => expect(screen.queryByText('WELCOME10')).toBeNull());
    expect(screen.getByText('SPRING5')).toBeTruthy();
    expect(callsOf(fake, 'codes.list').at(-1)!.input).toMatchObject({ status: 'paused' });
  });

  it('says there are no referral codes yet and offers to create one', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.codes = fake.codes.filter((c) => c.kind === 'discount');
    renderApp(fake, '#/codes?kind=referral');
    await screen.findByText('No referral codes yet — create one');
    const empty = screen
      .getByText('No referral codes yet — create one')
      .closest('.empty-state') as HTMLElement;
    fireEvent.click(within(empty).getByRole('button', { name: 'New code' }));
    const dialog = await screen.findByRole('dialog', { name: 'New code' });
    expect((within(dialog).getByLabelText('Kind') as HTMLSelectElement).value).toBe('referral');
  });

  it('shows support the codes and their insight, but no way to change them', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    await screen.findByText('WELCOME10');
    expect(screen.queryByRole('button', { name: 'New code' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate codes' })).toBeNull();
    const drawer = await openCode('FREELESSON');
    expect(drawer.textContent).toContain('View only — finance or a manager can change codes.');
    for (const name of [/Deactivate/, /Reactivate/, /Edit limit/, /Send to Stripe again/, /Take over/])
      expect(within(drawer).queryByRole('button', { name })).toBeNull();
    expect(within(drawer).getByRole('alert').textContent).toContain(
      'Finance or a manager can send it again.',
    );
    expect(
      within(drawer).getAllByRole('link', { name: /Open promotion code promo_.* in Stripe/ }).length,
    ).toBe(2);
  });
});

describe('creating a code', () => {
  it('checks the format as it is typed and sends nothing while it is wrong', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const dialog = await openNewCode();
    const code = within(dialog).getByLabelText('Code');
    fireEvent.change(code, { target: { value: 'spring sale' } });
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'A code uses only letters A–Z, digits and dashes; “SPRING SALE” has “ ”.',
    );
    expect(code.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(code, { target: { value: '-spring' } });
    expect(within(dialog).getByRole('alert').textContent).toBe('A code starts with a letter or a digit.');
    fill(dialog, { 'Percentage off': '120' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    expect(within(dialog).getByText('A whole number of percent from 1 to 100.')).toBeTruthy();
    await settle();
    expect(callsOf(fake, 'codes.create')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Generate' }));
    const generated = (code as HTMLInputElement).value;
    expect(generated).toMatch(new RegExp(`^[${READABLE_ALPHABET}]{6}$`));
    expect(code.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the server’s answer against the field it names (a duplicate in another case)', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const dialog = await openNewCode();
    fill(dialog, { Code: 'welcome10' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    await within(dialog).findByText(
      'WELCOME10 already exists (codes are unique whatever their case). Choose another.',
    );
    expect(within(dialog).getByLabelText('Code').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf(fake, 'codes.create')).toHaveLength(1);
    // Changing the field takes the server's message away.
    fill(dialog, { Code: 'WELCOME11' });
    expect(within(dialog).queryByText(/already exists/)).toBeNull();
  });

  it('creates a code: the row appears sending, then in Stripe once the job is done', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const dialog = await openNewCode();
    fill(dialog, {
      Code: 'spring-2027',
      'Percentage off': '15',
      'Max uses': '100',
      'Expires after': '31/03/2027',
      'Note (optional, kept in the audit log)': 'Spring campaign',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    await screen.findByText('Created SPRING-2027. Sending it to Stripe…');
    expect(callsOf(fake, 'codes.create')[0]!.input).toEqual({
      kind: 'discount',
      code: 'SPRING-2027',
      percentage: 15,
      maxUses: 100,
      expiresOn: '2027-03-31',
      note: 'Spring campaign',
    });
    expect(screen.queryByRole('dialog', { name: 'New code' })).toBeNull();
    await waitFor(() => expect(within(rowOf('SPRING-2027')).getByText('Sending…')).toBeTruthy());
    expect(rowOf('SPRING-2027').textContent).toContain('0 / 100');
    const drawer = await screen.findByRole('complementary', { name: 'SPRING-2027' });
    await within(drawer).findByText('Sending to Stripe…');

    fake.settleCodeJob(fake.lastCodeJob());
    await waitFor(() => expect(within(rowOf('SPRING-2027')).getByText('In Stripe')).toBeTruthy());
  });

  it('names the referrer of a referral code, found by searching people', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'max' }));
    renderApp(fake, '#/codes?kind=referral');
    const dialog = await openNewCode();
    fill(dialog, { Code: 'REF-CHLOE' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    expect(within(dialog).getByText('A referral code names its referrer: choose a person.')).toBeTruthy();
    await settle();
    expect(callsOf(fake, 'codes.create')).toEqual([]);

    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Referrer' }), {
      target: { value: 'chlo' },
    });
    const option = await within(dialog).findByRole('option', { name: /Chloe Evans/ }, { timeout: 2_000 });
    expect(callsOf(fake, 'people.search').at(-1)!.input).toEqual({ q: 'chlo', limit: 8 });
    fireEvent.click(option);
    expect(within(dialog).getByRole('group', { name: 'Referrer' }).textContent).toContain('Chloe Evans');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    await waitFor(() => expect(callsOf(fake, 'codes.create')).toHaveLength(1));
    const chloe = fake.people.find((p) => p.name === 'Chloe Evans')!;
    expect(callsOf(fake, 'codes.create')[0]!.input).toMatchObject({
      kind: 'referral',
      code: 'REF-CHLOE',
      referrerId: chloe.id,
    });
    await waitFor(() => expect(rowOf('REF-CHLOE').textContent).toContain('Chloe Evans'));
  });

  it('closes on Escape without sending anything', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const dialog = await openNewCode();
    fill(dialog, { Code: 'ESCAPED' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New code' })).toBeNull());
    await settle();
    expect(callsOf(fake, 'codes.create')).toEqual([]);
  });
});

describe('generating codes', () => {
  it('restates the batch before creating it, then downloads its CSV and follows the job', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate codes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate codes' });
    fill(dialog, { Prefix: 'winter!', 'How many': '1001' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(within(dialog).getByText('Letters A–Z, digits and dashes only.')).toBeTruthy();
    expect(within(dialog).getByText('A whole number from 1 to 1,000.')).toBeTruthy();
    fill(dialog, { Prefix: '-winter' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(within(dialog).getByText('Start with a letter or a digit.')).toBeTruthy();

    fill(dialog, { Prefix: 'winter', 'How many': '10', 'Percentage off': '15', 'Max uses of each': '1' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Review' }));
    expect(dialog.textContent).toContain('Create 10 codes like WINTER-XXXXXX at 15% in Stripe');
    expect(dialog.textContent).toContain('Each can be used 1 time.');
    await settle();
    expect(callsOf(fake, 'codes.generate')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create 10 codes' }));

    const done = await screen.findByRole('dialog', { name: 'Codes generated' });
    expect(callsOf(fake, 'codes.generate')[0]!.input).toEqual({
      prefix: 'WINTER',
      count: 10,
      percentage: 15,
      maxUses: 1,
      expiresOn: null,
    });
    await within(done).findByText('Create 10 WINTER codes in Stripe');
    expect(within(done).getByRole('progressbar').getAttribute('aria-valuemax')).toBe('10');

    fireEvent.click(within(done).getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const { batchId } = fake.calls.find((c) => c.method === 'codes.batchCsv')!.input as { batchId: string };
    expect(batchId).toBe(fake.codes.find((c) => c.code.startsWith('WINTER-'))!.batchId);
    expect(downloads[0]!.filename).toMatch(/^codes-winter-.*\.csv$/);
    expect(downloads[0]!.csv.trim().split(/\r?\n/)).toHaveLength(11);

    fireEvent.click(within(done).getByRole('button', { name: 'Show in Jobs' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Codes generated' })).toBeNull());
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    expect(within(running).getByRole('listitem', { name: 'Create 10 WINTER codes in Stripe' })).toBeTruthy();
  });

  it('takes the server’s field errors back to the terms', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Generate codes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Generate codes' });
    fill(dialog, { Prefix: 'WINTER' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Review' }));
    fake.failNext('codes.generate', {
      code: 'validation',
      message: 'expiresOn: is in the past',
      details: { issues: [{ path: ['expiresOn'], message: 'Mon 30 Nov 2026 is in the past' }] },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create 10 codes' }));
    await within(dialog).findByText('Mon 30 Nov 2026 is in the past');
    expect(within(dialog).getByLabelText('Expires after').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('a code’s drawer', () => {
  it('shows uses by week, the money it brought and cost, and its promotion code in Stripe', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('WELCOME10');
    expect(
      within(drawer).getByRole('img', { name: /WELCOME10: \d+ uses over \d+ weeks, by week/ }),
    ).toBeTruthy();
    const weeks = within(drawer).getByRole('table', { name: 'WELCOME10 uses by week' });
    expect(within(weeks).getAllByRole('row').length).toBeGreaterThan(2);
    const money = within(drawer).getByRole('table', { name: 'What the code brought in and cost' });
    expect(money.textContent).toContain('Discount given (the platform’s cost)');
    expect(money.textContent).not.toContain('Subsidy');
    expect(within(drawer).getByText('Mirrored')).toBeTruthy();
  });

  it('shows a negative net fee as a subsidy, in the negative colour', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.codeTotals.set(idOf(fake, 'FREELESSON'), {
      uses: 2,
      revenuePence: 0,
      discountPence: 7_080,
      netFeePence: -6_000,
      instructorPence: 6_000,
    });
    renderApp(fake, '#/codes');
    const drawer = await openCode('FREELESSON');
    const money = within(drawer).getByRole('table', { name: 'What the code brought in and cost' });
    const net = within(money)
      .getByText(/Net platform fee/)
      .closest('tr')!;
    expect(within(net).getByText('Subsidy')).toBeTruthy();
    const amount = within(net).getByText('−£60.00');
    expect(amount.className).toContain('money--negative');
    expect(drawer.textContent).toContain(
      'A subsidy: on these payments the platform paid instructors £60.00 more than learners paid it.',
    );
  });

  it('deactivates a code after restating the effect, and sends the change to Stripe', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('WELCOME10');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate WELCOME10?' });
    expect(dialog.textContent).toContain('from now on learners cannot use it at checkout');
    expect(dialog.textContent).toContain('The 212 payments already made with it do not change.');
    await settle();
    expect(callsOf(fake, 'codes.update')).toEqual([]);
    fill(dialog, { 'Why (optional, kept in the audit log)': 'Shared on a voucher site' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Deactivate code' }));
    await screen.findByText(/Deactivated WELCOME10: it no longer works at checkout/);
    expect(callsOf(fake, 'codes.update')[0]!.input).toEqual({
      codeId: idOf(fake, 'WELCOME10'),
      active: false,
      note: 'Shared on a voucher site',
    });
    await waitFor(() => expect(within(rowOf('WELCOME10')).getByText('Deactivated')).toBeTruthy());
    expect(within(rowOf('WELCOME10')).getByText('Sending…')).toBeTruthy();
    await waitFor(() =>
      expect(within(drawer).getByRole('button', { name: 'Reactivate' }).hasAttribute('disabled')).toBe(true),
    );
    expect(within(drawer).getByRole('region', { name: 'Changes sent to Stripe' }).textContent).toContain(
      'Deactivate WELCOME10',
    );

    fake.settleCodeJob(fake.lastCodeJob());
    await waitFor(() => expect(within(rowOf('WELCOME10')).getByText('In Stripe')).toBeTruthy());
    await waitFor(() =>
      expect(within(drawer).getByRole('button', { name: 'Reactivate' }).hasAttribute('disabled')).toBe(false),
    );
  });

  it('will not lower the limit below the uses so far, and shows the server saying so', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'max' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('LPLATE20');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Edit limit & expiry' }));
    const dialog = await screen.findByRole('dialog', { name: 'Limit and expiry of LPLATE20' });
    expect(dialog.textContent).toContain('Used 40 times; the limit can’t be lower.');
    fill(dialog, { 'Max uses': '30' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(within(dialog).getByRole('alert').textContent).toContain(
      'LPLATE20 has been used 40 times: the limit cannot be lower than that.',
    );
    await settle();
    expect(callsOf(fake, 'codes.update')).toEqual([]);

    fill(dialog, { 'Max uses': '60' });
    fake.failNext('codes.update', {
      code: 'validation',
      message: 'maxUses: LPLATE20 has been used 61 times',
      details: {
        issues: [
          { path: ['maxUses'], message: 'LPLATE20 has been used 61 times: its limit cannot be lower.' },
        ],
      },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await within(dialog).findByText('LPLATE20 has been used 61 times: its limit cannot be lower.');
    expect(callsOf(fake, 'codes.update')[0]!.input).toEqual({ codeId: idOf(fake, 'LPLATE20'), maxUses: 60 });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Changed LPLATE20. Sending the change to Stripe…');
    await waitFor(() => expect(rowOf('LPLATE20').textContent).toContain('40 / 60'));
  });

  it('explains a refusal and sends the code to Stripe again', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('FREELESSON');
    const alert = within(drawer).getByRole('alert');
    expect(alert.textContent).toContain('Stripe refused the last change.');
    expect(alert.textContent).toContain('An active promotion code with `code: FREELESSON` already exists.');
    fireEvent.click(within(drawer).getAllByRole('button', { name: 'Send to Stripe again' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Send FREELESSON to Stripe again?' });
    expect(dialog.textContent).toContain('100% off, at most 5 uses');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send to Stripe again' }));
    await screen.findByText('Sending FREELESSON to Stripe again…');
    expect(callsOf(fake, 'codes.resend')[0]!.input).toEqual({ codeId: idOf(fake, 'FREELESSON') });
    await waitFor(() => expect(within(rowOf('FREELESSON')).getByText('Sending…')).toBeTruthy());
  });

  it('takes over a code made in Stripe', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('SPRING5');
    expect(drawer.textContent).toContain(
      'Made in Stripe. Its terms are Stripe’s until someone takes it over',
    );
    expect(within(drawer).getByRole('region', { name: 'To look at' }).textContent).toBe(
      'To look at⚑ Stripe counted 4 redemptions; 3 succeeded payments used it.',
    );
    fireEvent.click(within(drawer).getByRole('button', { name: 'Take over' }));
    const dialog = await screen.findByRole('dialog', { name: 'Take over SPRING5?' });
    expect(dialog.textContent).toContain('Nothing is sent to Stripe now.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take over' }));
    await screen.findByText('The console now manages SPRING5.');
    expect(callsOf(fake, 'codes.adopt')[0]!.input).toEqual({ codeId: idOf(fake, 'SPRING5') });
    await waitFor(() => expect(within(rowOf('SPRING5')).getByText('In Stripe')).toBeTruthy());
    expect(within(drawer).queryByRole('button', { name: 'Take over' })).toBeNull();
  });
});

describe('exporting codes', () => {
  it('exports every code matching the filters, not just the page, as a file main makes', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes?status=active');
    await within(await screen.findByRole('grid', { name: 'Discount codes' })).findByText('WELCOME10');
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(callsOf(fake, 'codes.csv')[0]!.input).toEqual({
      kind: 'discount',
      status: 'active',
      sort: { column: 'created', direction: 'desc' },
    });
    const lines = downloads[0]!.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('Code,Percent off,Uses,Status');
    expect(lines.slice(1).every((l) => l.endsWith(',active'))).toBe(true);
    expect(lines.length - 1).toBe(
      fake.codes.filter((c) => c.kind === 'discount' && c.status === 'active').length,
    );
  });
});

describe('referrers', () => {
  it('ranks referrers by learners, re-sorts by revenue in the route, and exports the whole table', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('tab', { name: 'Referrers' }));
    const table = await screen.findByRole('grid', { name: 'Referrers' });
    await within(table).findByText('Amira Khan');
    const names = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent);
    expect(names()[0]).toContain('Amira Khan');
    expect(names()[0]).toContain('amira.khan@example.com');
    expect(names()[0]).toContain('REF-AMIRA');

    fireEvent.click(within(table).getByRole('button', { name: /Revenue/ }));
    await waitFor(() => expect(window.location.hash).toContain('sort=revenue.desc'));
    await waitFor(() => expect(names()[0]).toContain('Ben Osei'));
    expect(callsOf(fake, 'codes.referrers').at(-1)!.input).toMatchObject({
      sort: { column: 'revenue', direction: 'desc' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(callsOf(fake, 'codes.referrersCsv')[0]!.input).toEqual({ sort: 'revenue' });
    const lines = downloads[0]!.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('name,email,codes,referred_learners,uses,revenue');
    expect(lines[1]).toContain('Ben Osei');
    expect(lines).toHaveLength(3);
  });
});

describe('jobs panel', () => {
  it('shows running jobs with progress and Cancel, and finished ones with how each write ended', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.jobs = [
      jobProgress({
        jobId: '00000000-0000-4000-8000-00000000b001',
        kind: 'backfill',
        state: 'running',
        parts: [{ name: 'payment_intents', done: 300, total: 1200 }],
        done: 300,
        total: 1200,
        message: 'Backfilling',
      }),
      jobProgress({
        jobId: '00000000-0000-4000-8000-00000000b002',
        kind: 'stripe_writes',
        state: 'failed',
        title: 'Deactivate LPLATE20 in Stripe',
        startedBy: 'Max Manager',
        message: 'Stripe refused (resource_missing): No such promotion code.',
        items: [
          {
            writeId: '00000000-0000-4000-8000-00000000c002',
            label: 'Deactivate LPLATE20',
            state: 'failed',
            detail: 'Stripe refused (resource_missing): No such promotion code.',
            stripeId: null,
          },
        ],
      }),
    ];
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Jobs 1 running' }));
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    const backfill = within(running).getByRole('listitem', { name: 'Backfill from Stripe' });
    expect(within(backfill).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('300');
    expect(backfill.textContent).toContain('300 / 1,200');
    fireEvent.click(within(backfill).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'jobs.cancel')).toBe(true));

    const finished = screen.getByRole('region', { name: 'Finished jobs' });
    const pause = within(finished).getByRole('listitem', { name: 'Deactivate LPLATE20 in Stripe' });
    expect(within(pause).getAllByText('Failed').length).toBe(1);
    expect(within(pause).getByText('Refused')).toBeTruthy();
    expect(pause.textContent).toContain('by Max Manager');
    expect(pause.textContent).toContain('No such promotion code.');
  });

  it('lets support watch jobs but not cancel them', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    fake.jobs = [
      jobProgress({ jobId: '00000000-0000-4000-8000-00000000b003', kind: 'backfill', state: 'running' }),
    ];
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Jobs 1 running' }));
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    expect(within(running).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
