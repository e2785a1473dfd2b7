// Connects the contract dispatcher to Electron IPC: checks the sender frame on every call and routes push events.
import { ipcMain } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL_PREFIX, IPC_INVOKE_CHANNEL } from '../../shared/contract/bridge';
import { isMethodName } from '../../shared/contract/index';
import type { Result } from '../../shared/contract/index';
import { forSignedInOnly, type Dispatcher } from '../core-types';
import type { PushBus } from '../api/push-bus';
import { connectionIdFor, webContentsIdOf } from './connections';
import { isTrustedSender } from './policy';
import type { DevOrigin } from './policy';

export interface IpcRegistration {
  /** Lets one of our windows call the contract and receive push events. */
  attach(contents: WebContents): void;
  /** Removes the handler and the push subscription (at quit). */
  dispose(): void;
}

function refused(code: 'forbidden' | 'validation' | 'internal', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}

/** IPC needs no session ids: the webContents a call comes from is the connection, and no page can forge it. */
export type IpcDispatcher = Pick<Dispatcher, 'call' | 'disconnect' | 'signedIn'>;

export function registerIpc(
  core: { dispatcher: IpcDispatcher; push: PushBus },
  devOrigin: DevOrigin = null,
): IpcRegistration {
  const attached = new Map<number, WebContents>();

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown, background: unknown): Promise<Result<unknown>> => {
      if (!attached.has(event.sender.id) || !isTrustedSender(senderOf(event), devOrigin)) {
        return refused('forbidden', 'This page may not call the LPlate console.');
      }
      if (typeof method !== 'string' || !isMethodName(method)) {
        return refused('validation', `"${String(method)}" is not a method of the LPlate contract.`);
      }
      try {
        return await core.dispatcher.call(connectionIdFor(event.sender.id), method, input, {
          background: background === true,
        });
      } catch {
        return refused('internal', 'The console failed to answer this request.');
      }
    },
  );

  const send = (contents: WebContents, channel: string, payload: unknown) => {
    if (contents.isDestroyed()) return;
    if (!isTrustedSender({ url: contents.mainFrame.url, isMainFrame: true }, devOrigin)) return;
    contents.send(channel, payload);
  };

  const unsubscribe = core.push.subscribe((name, payload, connectionId) => {
    const channel = IPC_EVENT_CHANNEL_PREFIX + name;
    if (connectionId === undefined) {
      for (const contents of attached.values())
        if (!forSignedInOnly(name) || core.dispatcher.signedIn(connectionIdFor(contents.id)))
          send(contents, channel, payload);
      return;
    }
    const id = webContentsIdOf(connectionId);
    const contents = id === null ? undefined : attached.get(id);
    if (contents) send(contents, channel, payload);
  });

  return {
    attach(contents) {
      if (attached.has(contents.id)) return;
      const id = contents.id;
      attached.set(id, contents);
      contents.once('destroyed', () => {
        attached.delete(id);
        core.dispatcher.disconnect(connectionIdFor(id));
      });
    },
    dispose() {
      unsubscribe();
      ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
      for (const id of attached.keys()) core.dispatcher.disconnect(connectionIdFor(id));
      attached.clear();
    },
  };
}
