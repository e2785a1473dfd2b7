// The shared UK date field (issue 13, "Date fields show and accept UK dates"): DD/MM/YYYY shown and read,
// impossible or out-of-range days refused with why, and forms that never send a refused date.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { DateField } from '../../src/renderer/src/components/ui';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

function Harness({ initial, min }: { initial: string; min?: string }) {
  const [value, setValue] = useState(initial);
  const [committed, setCommitted] = useState('');
  return (
    <>
      <DateField label="When" value={value} min={min} onChange={setValue} onCommit={setCommitted} />
      <output aria-label="value">{value}</output>
      <output aria-label="committed">{committed}</output>
    </>
  );
}

const input = () => screen.getByLabelText('When') as HTMLInputElement;
const out = (name: string) => screen.getByLabelText(name).textContent;

describe('DateField', () => {
  it('shows a day as DD/MM/YYYY and is no browser date picker', () => {
    render(<Harness initial="2026-12-02" />);
    expect(input().value).toBe('02/12/2026');
    expect(input().type).toBe('text');
    expect(input().placeholder).toBe('DD/MM/YYYY');
  });

  it('reads what is typed the UK way: 2/12/26 is 2 December 2026', () => {
    render(<Harness initial="" />);
    fireEvent.change(input(), { target: { value: '2/12/26' } });
    expect(out('value')).toBe('2026-12-02');
    fireEvent.blur(input());
    expect(input().value).toBe('02/12/2026');
    expect(out('committed')).toBe('2026-12-02');
  });

  it('refuses a day that does not exist, and a US-ordered date, saying why', () => {
    render(<Harness initial="" />);
    fireEvent.change(input(), { target: { value: '31/02/2026' } });
    fireEvent.blur(input());
    expect(screen.getByRole('alert').textContent).toBe(
      '31/02/2026 is not a real date: check the day and month.',
    );
    expect(input().getAttribute('aria-invalid')).toBe('true');
    expect(out('committed')).toBe('');
    fireEvent.change(input(), { target: { value: '12/31/2026' } });
    fireEvent.keyDown(input(), { key: 'Enter' });
    expect(screen.getByRole('alert').textContent).toBe(
      '12/31/2026 is not a real date: check the day and month.',
    );
    fireEvent.change(input(), { target: { value: 'next friday' } });
    fireEvent.blur(input());
    expect(screen.getByRole('alert').textContent).toBe('Enter a date as DD/MM/YYYY, such as 04/12/2026.');
  });

  it('refuses a day before its earliest', () => {
    render(<Harness initial="" min="2026-12-03" />);
    fireEvent.change(input(), { target: { value: '02/12/2026' } });
    fireEvent.blur(input());
    expect(screen.getByRole('alert').textContent).toBe('Must be on or after 03/12/2026.');
    expect(out('committed')).toBe('');
  });
  it('a field that only commits keeps a refused day in its box beside the error, not its last good day', () => {
    function FridayLike() {
      const [day, setDay] = useState('2026-12-04');
      return (
        <>
          <DateField
            label="When"
            value={day}
            check={(d) => (d.endsWith('-11') ? 'Not the 11th.' : null)}
            onCommit={setDay}
          />
          <output aria-label="value">{day}</output>
        </>
      );
    }
    render(<FridayLike />);
    fireEvent.change(input(), { target: { value: '11/12/2026' } });
    fireEvent.blur(input());
    expect(screen.getByRole('alert').textContent).toBe('Not the 11th.');
    expect(input().value).toBe('11/12/2026');
    expect(out('value')).toBe('2026-12-04');
    fireEvent.change(input(), { target: { value: '18/12/2026' } });
    fireEvent.blur(input());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input().value).toBe('18/12/2026');
    expect(out('value')).toBe('2026-12-18');
  });
});

describe('date fields in forms', () => {
  it('Settings refuses an impossible effective date before any confirmation or call', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('New fee (%)'), { target: { value: '19.5' } });
    fireEvent.change(screen.getByLabelText('Effective from'), { target: { value: '30/02/2027' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(await screen.findByText('30/02/2027 is not a real date: check the day and month.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.calls.some((c) => c.method === 'settings.schedule')).toBe(false);
  });

  it('the reconciliation custom period takes UK dates', async () => {
    const fake = new FakeBridge({ signedInAs: 'fin' });
    renderApp(fake, '#/reconciliation?kind=custom&from=2026-11-02&to=2026-11-20');
    const from = (await screen.findByLabelText('From')) as HTMLInputElement;
    expect(from.value).toBe('02/11/2026');
    const to = screen.getByLabelText('To') as HTMLInputElement;
    fireEvent.change(to, { target: { value: '25/11/2026' } });
    fireEvent.keyDown(to, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toContain('to=2026-11-25'));
    expect(document.querySelector('input[type=date]')).toBeNull();
  });
});
