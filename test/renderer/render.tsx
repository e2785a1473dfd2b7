// Test helpers: mount the whole console or a single page on a FakeBridge.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { App } from '../../src/renderer/src/app/App';
import { ApiProvider } from '../../src/renderer/src/lib/api';
import { ToastHost } from '../../src/renderer/src/components/ui';
import type { FakeBridge } from './fake-bridge';

export function renderApp(fake: FakeBridge, hash = '#/overview'): RenderResult {
  window.location.hash = hash;
  return render(<App bridge={fake} />);
}

export function renderWithApi(ui: ReactNode, fake: FakeBridge): RenderResult {
  return render(
    <ApiProvider bridge={fake}>
      <ToastHost>{ui}</ToastHost>
    </ApiProvider>,
  );
}
