// The sandboxed preload: exposes `window.lplate` with `invoke` and `on` for contract names, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_EVENT_CHANNEL_PREFIX, IPC_INVOKE_CHANNEL } from '../shared/contract/bridge';
import { EVENTS_SWITCH, METHODS_SWITCH, decodeNames } from './allow-list';
import { createBridge } from './bridge';

const bridge = createBridge(
  {
    invoke: (method, input, background) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input, background),
    subscribe(event, listener) {
      const channel = IPC_EVENT_CHANNEL_PREFIX + event;
      const forward = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  },
  {
    methods: decodeNames(process.argv, METHODS_SWITCH),
    events: decodeNames(process.argv, EVENTS_SWITCH),
  },
);

contextBridge.exposeInMainWorld('lplate', {
  invoke: bridge.invoke,
  on: bridge.on,
});
