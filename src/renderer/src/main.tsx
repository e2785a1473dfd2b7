// Renderer entry: picks the bridge (Electron preload or the headless host over HTTP) and mounts the console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { resolveBridge } from './lib/api';
import './components/ui/ui.css';
import './app/app.css';

const bridge = resolveBridge();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
