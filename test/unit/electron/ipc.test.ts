// IPC registration against a stand-in for Electron's ipcMain: sender checks on every call, push routing, disconnects.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../src/shared/contract/index';
import { IPC_EVENT_CHANNEL_PREFIX, IPC_INVOKE_CHANNEL } from '../../../src/shared/contract/bridge';
import type { PushListener } from '../../../src/main/api/push-bus';

type Handler = (event: unknown, ...args: unknown[]) => Promise<Result<unknown>>;
const handlers = new Map<string, Handler>();

// `require('electron')` under plain Node tries to download the binary: stand in for the one object ipc.ts uses.
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { registerIpc } = await import('../../../src/main/electron/ipc');

class FakeWebContents extends EventEmitter {
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  mainFrame: { url: string };
  constructor(
    readonly id: number,
    url = 'app://lplate/index.html',
  ) {
    super();
    this.mainFrame = { url };
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

function makeCore() {
  const listeners = new Set<PushListener>();
  const dispatcher = {
    call: vi.fn(async (connectionId: string, method: string) => ({
      ok: true as const,
      data: { connectionId, method },
    })),
    disconnect: vi.fn(),
    /** Someone is signed in on window 8 only. */
    signedIn: vi.fn((connectionId: string) => connectionId === 'wc:8'),
  };
  const push = {
    subscribe: (listener: PushListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish: ((event, payload, connectionId) => {
      for (const l of listeners) l(event, payload, connectionId);
    }) as PushListener,
    listenerCount: () => listeners.size,
  };
  return { dispatcher, push };
}

function invokeEvent(sender: FakeWebContents, frame: { url: string; parent: object | null } | null) {
  return { sender, senderFrame: frame };
}

const mainFrame = (url = 'app://lplate/index.html') => ({ url, parent: null });

describe('registerIpc', () => {
  let core: ReturnType<typeof makeCore>;
  let win: FakeWebContents;
  let invoke: Handler;

  beforeEach(() => {
    handlers.clear();
    core = makeCore();
    const registration = registerIpc(core);
    win = new FakeWebContents(7);
    registration.attach(win as never);
    invoke = handlers.get(IPC_INVOKE_CHANNEL) as Handler;
  });

  it('dispatches a contract call from our window as connection wc:<id>', async () => {
    const result = await invoke(invokeEvent(win, mainFrame()), 'audit.verify', {});
    expect(result).toEqual({ ok: true, data: { connectionId: 'wc:7', method: 'audit.verify' } });
  });

  it("passes a background refresh on as background, and anything else as the operator's own call", async () => {
    await invoke(invokeEvent(win, mainFrame()), 'sync.status', {}, true);
    expect(core.dispatcher.call).toHaveBeenLastCalledWith('wc:7', 'sync.status', {}, { background: true });
    await invoke(invokeEvent(win, mainFrame()), 'sync.status', {}, 'yes');
    expect(core.dispatcher.call).toHaveBeenLastCalledWith('wc:7', 'sync.status', {}, { background: false });
  });

  it('checks the sender frame on every call, not just the first', async () => {
    await invoke(invokeEvent(win, mainFrame()), 'audit.verify', {});
    const later = await invoke(invokeEvent(win, mainFrame('https://evil.example/')), 'audit.verify', {});
    expect(later).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.dispatcher.call).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a subframe of our own page', { url: 'app://lplate/index.html', parent: {} }],
    ['a file:// page', mainFrame('file:///tmp/index.html')],
    ['a localhost page', mainFrame('http://localhost:5173/')],
    ['another app:// host', mainFrame('app://other/index.html')],
    ['a destroyed frame', null],
  ])('refuses %s without reaching the dispatcher', async (_label, frame) => {
    const result = await invoke(invokeEvent(win, frame), 'audit.verify', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.dispatcher.call).not.toHaveBeenCalled();
  });

  it('refuses a webContents that was never attached, even on our origin', async () => {
    const stranger = new FakeWebContents(99);
    const result = await invoke(invokeEvent(stranger, mainFrame()), 'audit.verify', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a method name outside the contract', async () => {
    for (const name of ['fs.readFile', 'toString', '__proto__', 12]) {
      const result = await invoke(invokeEvent(win, mainFrame()), name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(core.dispatcher.call).not.toHaveBeenCalled();
  });

  it('turns a dispatcher that throws into an internal error Result', async () => {
    core.dispatcher.call.mockRejectedValueOnce(new Error('database is locked at /secret/path'));
    const result = await invoke(invokeEvent(win, mainFrame()), 'audit.verify', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('/secret/path');
  });

  it('forgets the connection when its window is destroyed', () => {
    win.destroy();
    expect(core.dispatcher.disconnect).toHaveBeenCalledWith('wc:7');
  });

  it('broadcasts push events to our windows and targets one window by connection id', () => {
    const other = new FakeWebContents(8);
    handlers.clear();
    const core2 = makeCore();
    const registration = registerIpc(core2);
    registration.attach(win as never);
    registration.attach(other as never);

    core2.push.publish('changed', { tables: ['users'] });
    core2.push.publish('session', { state: 'locked', reason: 'idle' }, 'wc:8');
    core2.push.publish('session', { state: 'signedOut', reason: 'x' }, 'http:tab-1');

    expect(win.sent).toEqual([[`${IPC_EVENT_CHANNEL_PREFIX}changed`, { tables: ['users'] }]]);
    expect(other.sent).toEqual([
      [`${IPC_EVENT_CHANNEL_PREFIX}changed`, { tables: ['users'] }],
      [`${IPC_EVENT_CHANNEL_PREFIX}session`, { state: 'locked', reason: 'idle' }],
    ]);
  });

  it('sends job progress only to windows with someone signed in', () => {
    const other = new FakeWebContents(8);
    handlers.clear();
    const core2 = makeCore();
    const registration = registerIpc(core2);
    registration.attach(win as never);
    registration.attach(other as never);
    const progress = { jobId: 'j', kind: 'stripe_writes', title: 'Pause WELCOME10 in Stripe' };
    core2.push.publish('progress', progress as never);
    expect(win.sent).toEqual([]);
    expect(other.sent).toEqual([[`${IPC_EVENT_CHANNEL_PREFIX}progress`, progress]]);
  });

  it('sends nothing to a window that has left our origin or been destroyed', () => {
    handlers.clear();
    const core2 = makeCore();
    const registration = registerIpc(core2);
    const strayed = new FakeWebContents(3, 'https://evil.example/');
    const gone = new FakeWebContents(4);
    registration.attach(strayed as never);
    registration.attach(gone as never);
    gone.destroyed = true;
    core2.push.publish('changed', { tables: ['users'] });
    expect(strayed.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
  });

  it('unsubscribes and removes its handler when disposed', () => {
    handlers.clear();
    const core2 = makeCore();
    const registration = registerIpc(core2);
    registration.attach(win as never);
    registration.dispose();
    expect(handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(core2.push.listenerCount()).toBe(0);
    expect(core2.dispatcher.disconnect).toHaveBeenCalledWith('wc:7');
  });
});
