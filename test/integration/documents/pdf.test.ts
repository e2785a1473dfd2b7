// The Chromium PDF port: a self-contained HTML page becomes a one-page A4 PDF; remote content is never fetched.
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';

const pdf = chromiumPdf();
afterAll(() => pdf.close());

const pages = (bytes: Uint8Array) =>
  (
    Buffer.from(bytes)
      .toString('latin1')
      .match(/\/Type\s*\/Page[^s]/g) ?? []
  ).length;

describe('chromiumPdf', () => {
  it('prints a self-contained HTML document to a one-page PDF, and again with the same browser', async () => {
    const html = '<!doctype html><html lang="en-GB"><body><h1>Remittance</h1><p>£30.00</p></body></html>';
    const first = await pdf.render(html);
    expect(Buffer.from(first.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pages(first)).toBe(1);
    const landscape = await pdf.render(html, { landscape: true });
    expect(pages(landscape)).toBe(1);
  });

  it('never fetches what the document points at', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits += 1;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await pdf.render(`<html><body><img src="http://127.0.0.1:${port}/beacon.png"><p>hi</p></body></html>`);
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
