// The preload's bridge: only contract names cross, callbacks get payloads, and window.lplate has just invoke and on.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, PUSH_EVENTS } from '../../../src/shared/contract/index';
import { EVENTS_SWITCH, METHODS_SWITCH, decodeNames, encodeNames } from '../../../src/preload/allow-list';
import { createBridge } from '../../../src/preload/bridge';
import type { BridgeTransport } from '../../../src/preload/bridge';
import { webPreferencesFor } from '../../../src/main/electron/policy';

function fakeTransport() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const transport: BridgeTransport & {
    emit(event: string, payload: unknown): void;
    count(event: string): number;
  } = {
    invoke: vi.fn(async (method: string) => ({ ok: true, data: { echoed: method } })),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      // Electron calls listeners with (ipcEvent, payload): the transport's job is to drop the ipcEvent.
      const wrapped = (payload: unknown) => listener(payload);
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    count(event) {
      return listeners.get(event)?.size ?? 0;
    },
  };
  return transport;
}

const allow = { methods: new Set(['audit.verify']), events: new Set(['changed']) };

describe('createBridge', () => {
  it('sends a contract method to main and returns its Result', async () => {
    const transport = fakeTransport();
    const bridge = createBridge(transport, allow);
    await expect(bridge.invoke('audit.verify', { x: 1 })).resolves.toEqual({
      ok: true,
      data: { echoed: 'audit.verify' },
    });
    expect(transport.invoke).toHaveBeenCalledWith('audit.verify', { x: 1 }, false);
    await bridge.invoke('audit.verify', {}, { background: true });
    expect(transport.invoke).toHaveBeenLastCalledWith('audit.verify', {}, true);
  });

  it('refuses a name outside the contract without sending anything', async () => {
    const transport = fakeTransport();
    const bridge = createBridge(transport, allow);
    for (const name of ['fs.readFile', '__proto__', 'constructor', '', 42 as unknown as string]) {
      const result = await bridge.invoke(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('validation');
    }
    expect(transport.invoke).not.toHaveBeenCalled();
  });

  it('turns a transport failure into an error Result instead of a rejection', async () => {
    const transport = fakeTransport();
    transport.invoke = vi.fn(async () => {
      throw new Error('No handler registered');
    });
    const result = await createBridge(transport, allow).invoke('audit.verify', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('gives a push listener the payload only, and stops after unsubscribe', () => {
    const transport = fakeTransport();
    const bridge = createBridge(transport, allow);
    const seen: unknown[] = [];
    const off = bridge.on('changed', (payload) => seen.push(payload));
    transport.emit('changed', { tables: ['audit_logs'] });
    off();
    off();
    transport.emit('changed', { tables: ['users'] });
    expect(seen).toEqual([{ tables: ['audit_logs'] }]);
    expect(transport.count('changed')).toBe(0);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const bridge = createBridge(fakeTransport(), allow);
    expect(() => bridge.on('session', () => undefined)).toThrow(/not a push event/);
    expect(() => bridge.on('lplate:invoke' as 'changed', () => undefined)).toThrow(/not a push event/);
  });

  it('is frozen so page scripts cannot swap its functions', () => {
    const bridge = createBridge(fakeTransport(), allow);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });
});

describe('the allow-list passed from main to the preload', () => {
  it('carries every contract method and push event, and nothing else', () => {
    const argv = [
      '/electron',
      '--type=renderer',
      ...webPreferencesFor('/p.cjs', { methods: METHOD_NAMES, events: PUSH_EVENTS }).additionalArguments,
    ];
    expect([...decodeNames(argv, METHODS_SWITCH)].sort()).toEqual([...METHOD_NAMES].sort());
    expect([...decodeNames(argv, EVENTS_SWITCH)].sort()).toEqual([...PUSH_EVENTS].sort());
  });

  it('refuses everything when the switch is missing', () => {
    expect(decodeNames(['/electron'], METHODS_SWITCH).size).toBe(0);
  });

  it('drops malformed names rather than trusting them', () => {
    const names = decodeNames([`${METHODS_SWITCH}audit.verify,../x,,a b`], METHODS_SWITCH);
    expect([...names]).toEqual(['audit.verify']);
    expect(() => encodeNames(METHODS_SWITCH, ['ok.name', 'bad name'])).toThrow();
  });
});

describe('src/preload/index.ts', () => {
  const source = readFileSync(new URL('../../../src/preload/index.ts', import.meta.url), 'utf8');

  it('exposes exactly one global, lplate, with only invoke and on', () => {
    const exposures = [...source.matchAll(/exposeInMainWorld\(\s*'([^']+)'\s*,\s*\{([^}]*)\}/g)];
    expect(exposures).toHaveLength(1);
    expect(exposures[0]?.[1]).toBe('lplate');
    const keys = (exposures[0]?.[2] ?? '')
      .split(',')
      .map((entry) => entry.split(':')[0]?.trim())
      .filter(Boolean);
    expect(keys).toEqual(['invoke', 'on']);
    expect(source.match(/exposeInMainWorld/g)).toHaveLength(1);
  });

  it('never hands ipcRenderer, process or require to the page', () => {
    const exposed = source.slice(source.indexOf('exposeInMainWorld'));
    expect(exposed).not.toMatch(/ipcRenderer|process|require/);
  });

  it('imports nothing heavy: only electron and zod-free modules', () => {
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports).toEqual(['electron', '../shared/contract/bridge', './allow-list', './bridge']);
  });
});

describe('src/main/index.ts', () => {
  const source = readFileSync(new URL('../../../src/main/index.ts', import.meta.url), 'utf8');
  const position = (needle: string) => {
    const at = source.indexOf(needle);
    expect(at, needle).toBeGreaterThanOrEqual(0);
    return at;
  };

  it('takes the single-instance lock and registers app:// before the app is ready', () => {
    expect(position('requestSingleInstanceLock()')).toBeLessThan(position('.whenReady()'));
    expect(position('registerAppScheme()')).toBeLessThan(position('.whenReady()'));
    expect(position('app.enableSandbox()')).toBeLessThan(position('.whenReady()'));
  });

  it('guards every webContents the app creates and closes the open workspace (through the shell) at quit', () => {
    expect(source).toMatch(/'web-contents-created'[^\n]*installWebContentsGuards/);
    expect(source).toMatch(/shell\?\.close\(\)/);
  });

  it('opens workspaces on this computer exclusively and hands IPC the shell, not a core', () => {
    expect(source).toMatch(/exclusive: true/);
    expect(source).toMatch(/registerIpc\(shell, devOrigin\)/);
  });

  it('gives a packaged app its own menu and windows without DevTools, before the first window opens', () => {
    expect(source).toMatch(/applicationMenu\(app\.isPackaged, process\.platform\)/);
    expect(source).toMatch(/packaged: app\.isPackaged/);
    expect(position('Menu.setApplicationMenu(')).toBeLessThan(position('openWindow();'));
  });
});
