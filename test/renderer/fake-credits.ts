// The fake bridge's credits: a few learner–instructor pairs in memory, a completions CSV checked row by row (unknown
// people, hours left, rows already recorded), imports, lessons recorded by hand and reversals. Enough for the screens.
import type { OutputOf, ParsedInputOf } from '@shared/contract';
import type {
  CompletionImportRow,
  CreditRow,
  creditsContract,
  HistoryEntry,
  PreviewRow,
} from '@shared/contract/credits';

type CreditMethod = keyof typeof creditsContract;
export type CreditHandlers = { [M in CreditMethod]: (input: ParsedInputOf<M>) => OutputOf<M> };

const PRICE = 3540;
const learner = (n: number) => `11111111-1111-4111-8111-${String(n).padStart(12, '0')}`;
const instructor = (n: number) => `22222222-2222-4222-8222-${String(n).padStart(12, '0')}`;

interface Lesson {
  id: string;
  pair: string;
  hours: number;
  at: number;
  reversedBy: string | null;
  note: string | null;
}

export class FakeCredits {
  readonly pairs: CreditRow[];
  readonly lessons: Lesson[] = [];
  readonly imports: CompletionImportRow[] = [];

  constructor(
    private readonly now: () => number,
    private readonly who: () => string | null,
  ) {
    const pair = (l: number, lName: string, i: number, iName: string, bought: number): CreditRow => ({
      id: `${learner(l)}:${instructor(i)}`,
      learner: { id: learner(l), name: lName, email: `${lName.split(' ')[0]!.toLowerCase()}@example.test` },
      instructor: { id: instructor(i), name: iName },
      hoursPurchased: bought,
      hoursUsed: 0,
      hoursRefunded: 0,
      hoursRemaining: bought,
      liabilityPence: bought * PRICE,
      updatedAt: now() - 86_400_000 * l,
    });
    this.pairs = [
      pair(1, 'Amira Khan', 1, 'Jane Smith', 10),
      pair(2, 'Ben Jones', 1, 'Jane Smith', 4),
      pair(3, 'Chloe Price', 2, 'Tom Brown', 2),
    ];
  }

  /** A CSV of `rows` completions for the first pair, as the marketplace exports them. */
  static csv(rows: [id: number, hours: number, learnerNo?: number][]): string {
    const lines = rows.map(
      ([id, hours, l = 1]) =>
        `aaaaaaaa-0000-4000-8000-${String(id).padStart(12, '0')},${learner(l)},${instructor(l === 3 ? 2 : 1)},${hours},2026-11-20T18:00:00Z`,
    );
    return ['completion_id,learner_id,instructor_id,hours,completed_at', ...lines].join('\r\n') + '\r\n';
  }

  private use(pairId: string, hours: number): void {
    const p = this.pairs.find((x) => x.id === pairId)!;
    p.hoursUsed += hours;
    p.hoursRemaining -= hours;
    p.liabilityPence = p.hoursRemaining * PRICE;
    p.updatedAt = this.now();
  }

  private check(csv: string): PreviewRow[] {
    const left = new Map(this.pairs.map((p) => [p.id, p.hoursRemaining]));
    return csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((text, i): PreviewRow => {
        const [id, l, ins, h, at] = text.split(',') as [string, string, string, string, string];
        const pair = this.pairs.find((p) => p.learner.id === l && p.instructor.id === ins);
        const row: PreviewRow = {
          line: i + 2,
          completionId: id,
          learnerId: l,
          learnerName: pair?.learner.name ?? null,
          instructorId: ins,
          instructorName: pair?.instructor.name ?? null,
          hours: Number(h),
          completedAt: Date.parse(at),
          status: 'new',
          problems: [],
        };
        if (this.lessons.some((x) => x.id === id))
          return { ...row, status: 'recorded', problems: ['already recorded: skipped'] };
        if (!pair)
          return {
            ...row,
            status: 'error',
            problems: [`learner ${l} is not known to the console — check the learner_id`],
          };
        const remaining = left.get(pair.id)!;
        if (row.hours! > remaining)
          return {
            ...row,
            status: 'error',
            problems: [
              `only ${remaining} unused hour(s) remain for this learner with this instructor, not ${row.hours}`,
            ],
          };
        left.set(pair.id, remaining - row.hours!);
        return row;
      });
  }

  handlers(): CreditHandlers {
    return {
      'credits.list': (input) => {
        const rows = this.pairs.filter(
          (p) =>
            (!input.instructorId || p.instructor.id === input.instructorId) &&
            (!input.q ||
              `${p.learner.name} ${p.instructor.name}`.toLowerCase().includes(input.q.toLowerCase())) &&
            (input.state !== 'remaining' || p.hoursRemaining > 0) &&
            (input.state !== 'used_up' || p.hoursRemaining === 0),
        );
        const sum = (pick: (p: CreditRow) => number) => rows.reduce((s, p) => s + pick(p), 0);
        return {
          rows: [...rows].sort((a, b) => b.liabilityPence - a.liabilityPence),
          total: rows.length,
          page: input.page,
          pageSize: input.pageSize,
          totals: {
            pairs: rows.length,
            hoursPurchased: sum((p) => p.hoursPurchased),
            hoursUsed: sum((p) => p.hoursUsed),
            hoursRefunded: sum((p) => p.hoursRefunded),
            hoursRemaining: sum((p) => p.hoursRemaining),
            liabilityPence: sum((p) => p.liabilityPence),
          },
        };
      },
      'credits.history': (input) => {
        const credit = this.pairs.find((p) => p.id === `${input.learnerId}:${input.instructorId}`)!;
        const entries: HistoryEntry[] = [
          {
            kind: 'payment',
            id: `pay-${credit.id}`,
            at: credit.updatedAt - 86_400_000 * 30,
            hours: credit.hoursPurchased,
            amountPence: credit.hoursPurchased * PRICE,
            title: `Credit pack bought: ${credit.hoursPurchased} h`,
            detail: 'pi_3QfakeCredits · succeeded',
          },
          ...this.lessons
            .filter((x) => x.pair === credit.id)
            .map((x): HistoryEntry => ({
              kind: 'completion',
              id: x.id,
              at: x.at,
              hours: -x.hours,
              amountPence: null,
              title: `Lesson completed: ${x.hours} h${x.reversedBy ? ' (reversed)' : ''}`,
              detail: `Recorded by ${this.who() ?? 'the console'}`,
              completion: { inForce: !x.reversedBy, source: 'console', by: this.who(), note: x.note },
            })),
        ];
        return { credit, learner: credit.learner, instructor: credit.instructor, entries };
      },
      'completions.preview': (input) => {
        const rows = this.check(input.csv);
        const fresh = rows.filter((r) => r.status === 'new');
        return {
          fileName: input.fileName,
          sha256: 'f'.repeat(64),
          fileProblem: null,
          rows,
          summary: {
            rows: rows.length,
            new: fresh.length,
            newHours: fresh.reduce((s, r) => s + r.hours!, 0),
            recorded: rows.filter((r) => r.status === 'recorded').length,
            errors: rows.filter((r) => r.status === 'error').length,
            pairs: new Set(fresh.map((r) => r.learnerId)).size,
            liabilityReleasedPence: fresh.reduce((s, r) => s + r.hours! * PRICE, 0),
          },
          previousImport: this.imports[0]
            ? {
                id: this.imports[0].id,
                at: this.imports[0].at,
                by: this.imports[0].by,
                recorded: this.imports[0].recorded,
              }
            : null,
        };
      },
      'completions.import': (input) => {
        const rows = this.check(input.csv);
        const fresh = rows.filter((r) => r.status === 'new');
        const hours = fresh.reduce((s, r) => s + r.hours!, 0);
        for (const r of fresh) {
          const pair = `${r.learnerId}:${r.instructorId}`;
          this.lessons.push({
            id: r.completionId!,
            pair,
            hours: r.hours!,
            at: r.completedAt!,
            reversedBy: null,
            note: null,
          });
          this.use(pair, r.hours!);
        }
        const importId = fresh.length ? `imp-${this.imports.length + 1}` : null;
        if (importId)
          this.imports.unshift({
            id: importId,
            fileName: input.fileName,
            at: this.now(),
            by: this.who(),
            rows: rows.length,
            recorded: fresh.length,
            alreadyRecorded: rows.length - fresh.length,
            hours,
          });
        return {
          importId,
          rows: rows.length,
          recorded: fresh.length,
          alreadyRecorded: rows.length - fresh.length,
          hours,
          message: fresh.length
            ? `Imported ${fresh.length} completions (${hours} h).`
            : 'Nothing new: nothing changed.',
        };
      },
      'completions.imports': () => this.imports,
      'completions.status': () => ({
        state: 'current',
        lastImportAt: this.imports[0]?.at ?? null,
        lastRecordedAt: this.imports[0]?.at ?? null,
      }),
      'completions.record': (input) => {
        const pair = `${input.learnerId}:${input.instructorId}`;
        this.lessons.push({
          id: input.id,
          pair,
          hours: input.hours,
          at: input.completedAt,
          reversedBy: null,
          note: input.note ?? null,
        });
        this.use(pair, input.hours);
        return { completionId: input.id };
      },
      'completions.reverse': (input) => {
        const lesson = this.lessons.find((x) => x.id === input.completionId)!;
        lesson.reversedBy = `rev-${lesson.id}`;
        this.use(lesson.pair, -lesson.hours);
        const replacementId = input.replacement ? `fix-${lesson.id}` : null;
        if (input.replacement) {
          this.lessons.push({
            id: replacementId!,
            pair: lesson.pair,
            hours: input.replacement.hours,
            at: input.replacement.completedAt,
            reversedBy: null,
            note: input.reason,
          });
          this.use(lesson.pair, input.replacement.hours);
        }
        return { reversalId: lesson.reversedBy, replacementId };
      },
    };
  }
}
