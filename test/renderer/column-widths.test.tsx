// Every list's columns fit the table at every width the window allows: the columns shown change only where one comes
// or goes, so checking each such width and the narrowest table proves that the columns shown never need more room
// than the table has (test/e2e/readable-tables.test.ts looks at real windows in Chromium).
import { describe, expect, it } from 'vitest';
import { columnsAt, tableMinWidth } from '../../src/renderer/src/components/ui/DataTable';
import { auditColumns } from '../../src/renderer/src/features/audit/AuditPage';
import { codeColumns } from '../../src/renderer/src/features/codes/CodesPage';
import { referrerColumns } from '../../src/renderer/src/features/codes/ReferrersTab';
import { creditColumns } from '../../src/renderer/src/features/credits/CreditsPage';
import { instructorColumns } from '../../src/renderer/src/features/instructors/InstructorsPage';
import { operatorColumns } from '../../src/renderer/src/features/operators/OperatorsPage';
import { paymentColumns } from '../../src/renderer/src/features/payments/PaymentsPage';
import { previewColumns } from '../../src/renderer/src/features/payouts/PreviewTable';
import { clawbackColumns } from '../../src/renderer/src/features/refunds/ClawbacksSection';
import { disputeColumns } from '../../src/renderer/src/features/refunds/DisputesSection';
import { allColumns, queueColumns } from '../../src/renderer/src/features/refunds/RefundsTable';
import { openColumns, resolvedColumns } from '../../src/renderer/src/features/unattributed/UnattributedPage';

type Column = { id: string; width?: number; hideBelow?: number; showBelow?: number };

const TABLES: Record<string, Column[]> = {
  'Audit log': auditColumns,
  'Discount codes': codeColumns('discount'),
  'Referral codes': codeColumns('referral'),
  Referrers: referrerColumns,
  Credits: creditColumns,
  Instructors: instructorColumns,
  Operators: operatorColumns,
  Payments: paymentColumns,
  'Payout preview': previewColumns,
  Clawbacks: clawbackColumns(() => {}),
  Disputes: disputeColumns(() => {}),
  'Approval queue': queueColumns(0, () => {}),
  'All refunds': allColumns,
  'Objects to resolve': openColumns,
  'Resolved objects': resolvedColumns,
};

/** The narrowest table: the window's least width (src/main/electron/policy.ts) less the sidebar (216 px), the
 *  page's padding (48), the table's borders (2) and a system's vertical scrollbar (17). */
const NARROWEST = 1024 - 216 - 48 - 2 - 17;

describe('column widths', () => {
  for (const [name, columns] of Object.entries(TABLES)) {
    it(`${name}: the columns shown at each width fit it`, () => {
      const edges = columns.flatMap((c) => [c.hideBelow, c.showBelow]).filter((w): w is number => !!w);
      const widths = [NARROWEST, ...edges.filter((w) => w > NARROWEST)];
      const tooWide = widths
        .map((width) => ({ width, needs: tableMinWidth(columnsAt(columns, width)) }))
        .filter(({ width, needs }) => needs > width);
      expect(tooWide).toEqual([]);
    });
  }

  it('tells a set of columns that does not fit', () => {
    const columns: Column[] = [
      { id: 'name' },
      { id: 'a', width: 400 },
      { id: 'b', width: 400, hideBelow: 900 },
    ];
    expect(tableMinWidth(columnsAt(columns, 899))).toBe(520);
    expect(tableMinWidth(columnsAt(columns, 900))).toBe(920);
  });
});
