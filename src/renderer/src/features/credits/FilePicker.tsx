// Choosing a CSV file by the file picker or by dropping it, read as text in the renderer (never a path to main).
import { useRef, useState, type DragEvent } from 'react';
import { FormError } from '../../components/ui';

const MAX_BYTES = 5_000_000;

export function FilePicker({ onFile }: { onFile: (file: { name: string; csv: string }) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const read = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES)
      return setProblem(`${file.name} is larger than 5 MB: split it into smaller files.`);
    setProblem(null);
    onFile({ name: file.name, csv: await file.text() });
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void read(event.dataTransfer.files[0]);
  };
  return (
    <div
      className={`dropzone${over ? ' dropzone--over' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="dropzone"
    >
      <p>Drop the completions CSV here, or</p>
      <button
        type="button"
        className="button button--primary"
        onClick={() => input.current?.click()}
        data-autofocus
      >
        Choose file…
      </button>
      <input
        ref={input}
        type="file"
        accept=".csv,text/csv"
        hidden
        aria-label="Completions CSV file"
        onChange={(e) => void read(e.target.files?.[0])}
      />
      <FormError message={problem} />
    </div>
  );
}
