// Importing the marketplace's completions CSV: pick or drop the file, see every row checked (nothing written yet),
// confirm, then all rows are recorded or none. The same file again changes nothing, and the preview says so.
import { useState } from 'react';
import type { ImportPreview } from '@shared/contract/credits';
import { formatInstant } from '@shared/dates';
import { formatPence } from '@shared/money';
import { apiErrorOf, useMutationMethod } from '../../lib/api';
import { ConfirmDialog, Dialog, FormError, useToast } from '../../components/ui';
import { FilePicker } from './FilePicker';
import { PreviewTable } from './PreviewTable';

const count = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const toast = useToast();
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const preview = useMutationMethod('completions.preview');
  const commit = useMutationMethod('completions.import', {
    onSuccess: (result) => {
      toast(result.message, result.recorded > 0 ? 'success' : 'info');
      close();
    },
    onError: () => file && preview.mutate({ fileName: file.name, csv: file.csv }),
  });
  const close = () => {
    setFile(null);
    setConfirming(false);
    preview.reset();
    commit.reset();
    onClose();
  };
  const choose = (chosen: { name: string; csv: string }) => {
    setFile(chosen);
    preview.mutate({ fileName: chosen.name, csv: chosen.csv });
  };
  const p = preview.data;
  const canImport = Boolean(p && !p.fileProblem && p.summary.errors === 0 && p.summary.new > 0);

  return (
    <>
      <Dialog
        open={open}
        title="Import lesson completions"
        width="wide"
        description="The marketplace's completions export (completion_id, learner_id, instructor_id, hours, completed_at). Every row is checked before anything is recorded."
        onClose={close}
        footer={
          <>
            <button type="button" className="button" onClick={close}>
              {p && !canImport ? 'Close' : 'Cancel'}
            </button>
            {file ? (
              <button type="button" className="button" onClick={() => (setFile(null), preview.reset())}>
                Choose another file
              </button>
            ) : null}
            {canImport && p ? (
              <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
                Import {plural(p.summary.new, 'completion')}…
              </button>
            ) : null}
          </>
        }
      >
        {!file ? (
          <FilePicker onFile={choose} />
        ) : preview.isPending ? (
          <p className="muted" role="status">
            Checking {file.name}…
          </p>
        ) : preview.isError ? (
          <FormError message={apiErrorOf(preview.error)?.message} />
        ) : p ? (
          <PreviewBody preview={p} />
        ) : null}
      </Dialog>
      {p ? (
        <ConfirmDialog
          open={confirming}
          title="Import these completions?"
          effect={
            <p>
              Record {plural(p.summary.new, 'lesson completion')} ({count(p.summary.newHours)} h) from{' '}
              <strong>{p.fileName}</strong> for {plural(p.summary.pairs, 'learner–instructor pair')}. Their
              remaining credits fall by {count(p.summary.newHours)} h and the liability by{' '}
              {formatPence(p.summary.liabilityReleasedPence)}.
            </p>
          }
          notes="All rows are recorded together or none is. A recorded lesson is never edited: a mistake is corrected by a reversal on the Credits page."
          confirmLabel={`Import ${plural(p.summary.new, 'completion')}`}
          pending={commit.isPending}
          error={commit.isError ? apiErrorOf(commit.error)?.message : null}
          onConfirm={() => file && commit.mutate({ fileName: file.name, csv: file.csv })}
          onCancel={() => (setConfirming(false), commit.reset())}
        />
      ) : null}
    </>
  );
}

function PreviewBody({ preview: p }: { preview: ImportPreview }) {
  const s = p.summary;
  return (
    <>
      {p.fileProblem ? (
        <div className="notice notice--red" role="alert">
          <strong>This file cannot be read.</strong> Line 1: {p.fileProblem}.
        </div>
      ) : s.errors > 0 ? (
        <div className="notice notice--red" role="alert">
          <strong>{plural(s.errors, 'row has', 'rows have')} problems.</strong> Nothing will be imported until
          the file is fixed: each problem says what to change. Then choose the file again.
        </div>
      ) : s.new === 0 ? (
        <div className="notice notice--blue" role="status">
          <strong>Nothing new.</strong> Every completion in this file is already recorded: importing it again
          would change nothing.
          {p.previousImport
            ? ` It was imported on ${formatInstant(p.previousImport.at)} by ${p.previousImport.by ?? 'the console'}.`
            : ''}
        </div>
      ) : p.previousImport ? (
        <div className="notice notice--amber" role="status">
          This file was imported before ({formatInstant(p.previousImport.at)}, by{' '}
          {p.previousImport.by ?? 'the console'}); only its new rows will be recorded.
        </div>
      ) : null}
      <dl className="preview-summary" aria-label="Preview summary">
        {(
          [
            ['Rows', count(s.rows)],
            ['New', `${count(s.new)} (${count(s.newHours)} h)`],
            ['Already recorded', count(s.recorded)],
            ['With problems', count(s.errors)],
            ['Liability released', formatPence(s.liabilityReleasedPence)],
          ] as const
        ).map(([term, value]) => (
          <div key={term}>
            <dt className="muted">{term}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
      {s.rows > 0 ? <PreviewTable rows={p.rows} /> : null}
    </>
  );
}
