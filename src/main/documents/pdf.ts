// The port through which the core turns an HTML document into a PDF: the host and tests use Chromium, the app Electron.
/** Page options shared by every renderer (A4 unless told). */
export interface PdfOptions {
  landscape?: boolean;
}

export interface PdfRenderer {
  /** Prints a complete, self-contained HTML document (inline styles, no remote content) to PDF bytes. */
  render(html: string, options?: PdfOptions): Promise<Uint8Array>;
  /** Releases what the renderer holds (a browser, a hidden window). */
  close(): Promise<void>;
}

/** Said when a workspace was opened without a PDF renderer (a CLI command that does not print). */
export class NoPdfRenderer extends Error {
  constructor() {
    super('This console was started without a PDF printer: use the app or `lplate serve` to make PDFs.');
  }
}
