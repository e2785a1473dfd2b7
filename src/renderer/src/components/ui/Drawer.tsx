// The detail drawer on the right: the list stays in place behind it; focus moves into it when it opens; Esc or the
// close button closes it.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DrawerProps {
  open: boolean;
  title: ReactNode;
  subtitle?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
}

export function Drawer({ open, title, subtitle, onClose, children, footer }: DrawerProps) {
  const titleId = useId();
  const closeRef = useRef(onClose);
  const asideRef = useRef<HTMLElement>(null);
  // Opening moves focus into the drawer (a screen reader reads its title next); following another row does not.
  useEffect(() => {
    if (open) asideRef.current?.focus({ preventScroll: true });
  }, [open]);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <aside className="drawer" role="complementary" aria-labelledby={titleId} ref={asideRef} tabIndex={-1}>
      <header className="drawer__header">
        <div>
          <h2 id={titleId} className="drawer__title">
            {title}
          </h2>
          {subtitle ? <div className="drawer__subtitle">{subtitle}</div> : null}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </header>
      <div className="drawer__body">{children}</div>
      {footer ? <footer className="drawer__footer">{footer}</footer> : null}
    </aside>
  );
}

/** A titled section of a drawer (named for screen readers by its title). */
export function DrawerSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="drawer-section" aria-label={title}>
      <h3 className="drawer-section__title">{title}</h3>
      {children}
    </section>
  );
}
