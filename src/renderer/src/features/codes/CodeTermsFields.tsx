// The terms of new codes, typed in or generated alike: percentage off, a limit of uses, the last day they work on,
// then whatever else the dialog asks (`children`) and the note kept in the audit log.
import type { ReactNode } from 'react';
import { DateField, NoteField, TextField } from '../../components/ui';

export interface TermsForm {
  percentage: string;
  maxUses: string;
  expiresOn: string;
  note: string;
}

type Change = (e: { target: { value: string } }) => void;

export function CodeTermsFields({
  form,
  set,
  errors,
  today,
  many,
  children,
}: {
  form: TermsForm;
  set: (key: keyof TermsForm) => Change;
  errors: Partial<Record<keyof TermsForm, string | undefined>>;
  today: string;
  /** Terms of a batch: "each", "they". */
  many: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      <div className="form-row">
        <TextField
          label="Percentage off"
          name="percentage"
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          step={1}
          value={form.percentage}
          onChange={set('percentage')}
          error={errors.percentage}
          hint="Off the list price."
        />
        <TextField
          label={many ? 'Max uses of each' : 'Max uses'}
          name="maxUses"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          placeholder="No limit"
          value={form.maxUses}
          onChange={set('maxUses')}
          error={errors.maxUses}
          hint="Blank: no limit."
        />
      </div>
      <DateField
        label="Expires after"
        name="expiresOn"
        min={today}
        value={form.expiresOn}
        onChange={(value) => set('expiresOn')({ target: { value } })}
        error={errors.expiresOn}
        hint={
          many
            ? 'The last UK day they work on. Blank: never expire.'
            : 'The last UK day it works on. Blank: never expires.'
        }
      />
      {children}
      <NoteField
        label="Note (optional, kept in the audit log)"
        value={form.note}
        onChange={(value) => set('note')({ target: { value } })}
        error={errors.note}
      />
    </>
  );
}
