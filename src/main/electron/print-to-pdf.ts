// PDFs in the app: a hidden, sandboxed window with no script and no network prints the HTML with printToPDF.
import { BrowserWindow, session } from 'electron';
import type { PdfOptions, PdfRenderer } from '../documents/pdf';

const PARTITION = 'lplate-pdf';

export function electronPdf(): PdfRenderer {
  const printing = session.fromPartition(PARTITION);
  // The document is self-contained: anything it would fetch is refused.
  printing.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  printing.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  return {
    async render(html: string, options: PdfOptions = {}) {
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          partition: PARTITION,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
        },
      });
      try {
        window.webContents.on('will-navigate', (event) => event.preventDefault());
        window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
        await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`);
        const bytes = await window.webContents.printToPDF({
          pageSize: 'A4',
          landscape: options.landscape ?? false,
          printBackground: true,
        });
        return new Uint8Array(bytes);
      } finally {
        window.destroy();
      }
    },
    async close() {},
  };
}
