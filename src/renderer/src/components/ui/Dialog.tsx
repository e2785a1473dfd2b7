// Modal dialogs: focus moves in and returns, Esc and the close button cancel; ConfirmDialog restates the effect before acting.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Optional description under the title. */
  description?: ReactNode;
  width?: 'narrow' | 'wide';
}

const FOCUSABLE =
  'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  description,
  width = 'narrow',
}: DialogProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    const node = ref.current;
    const first =
      node?.querySelector<HTMLElement>('[data-autofocus]') ??
      node?.querySelector<HTMLElement>('.dialog__body ' + FOCUSABLE.split(', ').join(', .dialog__body '));
    (first ?? node)?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Tab' && node) {
        const items = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)];
        if (items.length === 0) return;
        const firstItem = items[0]!;
        const last = items[items.length - 1]!;
        if (event.shiftKey && document.activeElement === firstItem) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          firstItem.focus();
        }
      }
    };
    // Esc closes the topmost dialog wherever focus is (a button that turned disabled while working leaves focus
    // on the body); the drawer and the table ignore keys while a dialog is open.
    const onEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
      if (dialogs[dialogs.length - 1] !== node) return;
      event.stopPropagation();
      closeRef.current();
    };
    node?.addEventListener('keydown', onKey);
    document.addEventListener('keydown', onEscape);
    return () => {
      node?.removeEventListener('keydown', onKey);
      document.removeEventListener('keydown', onEscape);
      previous?.focus?.();
    };
  }, [open]);

  if (!open) return null;
  return createPortal(
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`dialog dialog--${width}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="dialog__header">
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close dialog">
            ×
          </button>
        </header>
        {description ? <div className="dialog__description">{description}</div> : null}
        <div className="dialog__body">{children}</div>
        {footer ? <footer className="dialog__footer">{footer}</footer> : null}
      </div>
    </div>,
    document.body,
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** The effect restated in words and figures ("Deactivate Sam Patel (support): they can no longer sign in."). */
  effect: ReactNode;
  /** What will not happen, if worth saying. */
  notes?: ReactNode;
  confirmLabel: string;
  tone?: 'default' | 'danger';
  /** Irreversible actions need an explicit tick before the confirm button is enabled. */
  irreversible?: boolean;
  pending?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const {
    open,
    title,
    effect,
    notes,
    confirmLabel,
    tone = 'default',
    irreversible = false,
    pending = false,
    error,
    onConfirm,
    onCancel,
  } = props;
  const [acknowledged, setAcknowledged] = useState(false);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setAcknowledged(false);
  }
  const canConfirm = !pending && (!irreversible || acknowledged);
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
            onClick={onConfirm}
            disabled={!canConfirm}
            data-autofocus={irreversible ? undefined : true}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      <div className="confirm__effect">{effect}</div>
      {notes ? <div className="confirm__notes">{notes}</div> : null}
      {irreversible ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.target.checked)}
            data-autofocus
          />
          <span>I understand this cannot be undone</span>
        </label>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
    </Dialog>
  );
}
