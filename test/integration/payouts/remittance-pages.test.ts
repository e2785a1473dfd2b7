// A remittance statement of a busy instructor (150 lessons) pages instead of clipping: every lesson, the repeated
// column headings and the total are in the printed PDF.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';
import { remittanceHtml } from '../../../src/main/payouts/remittance';
import { pdfPages, pdfText } from '../../fixtures/pdf-read';

const pdf = chromiumPdf();
const dir = mkdtempSync(join(tmpdir(), 'lplate-remittance-'));
afterAll(async () => {
  await pdf.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a long remittance statement', () => {
  it('runs onto more pages with every lesson, the headings on each page and the total', async () => {
    const lessons = Array.from({ length: 150 }, (_, i) => ({
      earningId: `e${i}`,
      completedAt: Date.parse('2026-09-01T09:00:00Z') + i * 3_600_000,
      learner: { id: `l${i}`, name: `Learner ${String(i + 1).padStart(3, '0')}` },
      hours: 1,
      ratePence: 3000,
      amountPence: 3000,
      owedPence: 3000,
      paidPence: 3000,
      payableOn: '2026-09-11',
    }));
    const html = remittanceHtml({
      payoutId: 'payout-1',
      instructor: 'Busy Instructor',
      date: '2026-11-27',
      amountPence: 450_000,
      transferId: 'tr_busy',
      lessons,
      clawbacks: [],
      reversals: [],
    });
    const file = join(dir, 'statement.pdf');
    writeFileSync(file, await pdf.render(html));
    const pages = pdfPages(file);
    expect(pages).toBeGreaterThan(1);
    // pdftotext ends each page with a form feed.
    const text = pdfText(file).split('\f').slice(0, pages);
    for (const l of lessons) expect(text.join('')).toContain(l.learner.name);
    for (const page of text) expect(page.toUpperCase()).toContain('LEARNER');
    expect(text[pages - 1]).toContain('Total transferred');
  });
});
