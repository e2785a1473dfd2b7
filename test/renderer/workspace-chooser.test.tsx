// The desktop's workspace choice against the contract-derived fake: first start offers the demo, a local workspace or
// a server, and a server is connected only after its fingerprint has been shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function desktopWithNothingOpen(problem: string | null = null): FakeBridge {
  const bridge = new FakeBridge();
  bridge.desktop = { available: true, current: null, recent: [], problem };
  return bridge;
}

describe('choosing a workspace on the desktop', () => {
  it('offers the three ways in on first start, and asks nothing of a workspace until one is open', async () => {
    const bridge = desktopWithNothingOpen();
    renderApp(bridge);
    expect(await screen.findByRole('heading', { name: 'Choose a workspace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open the demo' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Create local workspace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check server' })).toBeTruthy();
    expect(bridge.calls.map((c) => c.method)).not.toContain('auth.status');
  });

  it('shows the server’s fingerprint before connecting, then pins that one', async () => {
    const bridge = desktopWithNothingOpen();
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload } as Location);
    renderApp(bridge);
    const address = await screen.findByLabelText('Server address');
    fireEvent.change(address, { target: { value: 'https://lplate.internal:8443' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check server' }));
    const certificate = await screen.findByRole('group', { name: 'Server certificate' });
    const fingerprint = within(certificate).getByText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/).textContent!;
    fireEvent.click(within(certificate).getByRole('button', { name: 'Trust this certificate and connect' }));
    await vi.waitFor(() => expect(reload).toHaveBeenCalled());
    expect(bridge.calls.find((c) => c.method === 'desktop.open')?.input).toEqual({
      target: { kind: 'server', url: 'https://lplate.internal:8443', fingerprint },
    });
  });

  it('says why the last workspace did not open', async () => {
    renderApp(desktopWithNothingOpen('Cannot reach the workspace server lplate.internal:8443: ECONNREFUSED'));
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the workspace server');
  });
});
