// Every list's columns fit the table at every width: at each width where a column comes or goes, and at the tables'
// widths in 1024, 1280 and 1920 px windows, the columns shown need no more room than the table has (so no table
// scrolls sideways between the widths the browser journeys look at; test/e2e/readable-tables.test.ts looks at those).
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

type Column = { id: string; width?: number | string; hideBelow?: number; showBelow?: number };

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

/** The table's width in the journeys' windows (the window less the sidebar, the page's padding and borders). */
const WINDOW_TABLE_WIDTHS = [758, 1014, 1654];

describe('column widths', () => {
  for (const [name, columns] of Object.entries(TABLES)) {
    it(`${name}: the columns shown at each width fit it`, () => {
      const edges = columns.flatMap((c) => [c.hideBelow, c.showBelow]).filter((w): w is number => !!w);
      const widths = [...new Set([...edges, ...WINDOW_TABLE_WIDTHS])].sort((a, b) => a - b);
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
