// The import preview's rows: each with who, hours and when, and its status — new, already recorded (skipped), or
// what is wrong and what to change. Problems first when there are any; long files show their first 500 rows.
import { useState } from 'react';
import type { PreviewRow } from '@shared/contract/credits';
import { Badge, DateTime, type BadgeTone } from '../../components/ui';

const SHOWN = 500;
const STATUS: Record<PreviewRow['status'], { label: string; tone: BadgeTone }> = {
  new: { label: 'New', tone: 'green' },
  recorded: { label: 'Already recorded', tone: 'grey' },
  error: { label: 'Problem', tone: 'red' },
};

const who = (name: string | null, id: string | null) =>
  name ?? (id ? <code className="tag">{id}</code> : '—');

export function PreviewTable({ rows }: { rows: PreviewRow[] }) {
  const problems = rows.filter((r) => r.status === 'error').length;
  const [onlyProblems, setOnlyProblems] = useState(problems > 0);
  const shown = (onlyProblems ? rows.filter((r) => r.status === 'error') : rows).slice(0, SHOWN);
  return (
    <>
      {problems > 0 ? (
        <label className="checkbox">
          <input type="checkbox" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          <span>Only rows with problems ({problems})</span>
        </label>
      ) : null}
      <div className="preview-table" tabIndex={0} aria-label="Rows of the file">
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Learner</th>
              <th scope="col">Instructor</th>
              <th scope="col">Hours</th>
              <th scope="col">Completed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.line} data-status={r.status}>
                <td className="num">{r.line}</td>
                <td>{who(r.learnerName, r.learnerId)}</td>
                <td>{who(r.instructorName, r.instructorId)}</td>
                <td className="num">{r.hours ?? '—'}</td>
                <td>
                  <DateTime ms={r.completedAt} />
                </td>
                <td>
                  <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
                  {r.status === 'error'
                    ? r.problems.map((p) => (
                        <div key={p} className="problem">
                          {p}
                        </div>
                      ))
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < (onlyProblems ? problems : rows.length) ? (
        <p className="muted">
          The first {SHOWN} rows are shown; <code>lplate completions import FILE --dry-run</code> lists every
          problem.
        </p>
      ) : null}
    </>
  );
}
