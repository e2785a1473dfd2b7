// Toasts: short confirmations of what just happened, announced politely to screen readers.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export type ToastTone = 'success' | 'error' | 'info';
interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

type Notify = (message: string, tone?: ToastTone) => void;
const ToastContext = createContext<Notify>(() => undefined);

export function useToast(): Notify {
  return useContext(ToastContext);
}

let nextId = 1;

/** `scope` names whose screen the toasts belong to (the signed-in operator): when it changes, they are dropped. */
export function ToastHost({
  children,
  scope = '',
  timeoutMs = 5_000,
}: {
  children: ReactNode;
  scope?: string;
  timeoutMs?: number;
}) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => setItems([]), [scope]);
  // A toast's timer never outlives the host (the window closing, a sign-out re-mounting the shell).
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (message, tone = 'success') => {
      const id = nextId++;
      setItems((list) => [...list.slice(-3), { id, tone, message }]);
      const timer = setTimeout(
        () => {
          timers.current.delete(timer);
          dismiss(id);
        },
        tone === 'error' ? timeoutMs * 2 : timeoutMs,
      );
      timers.current.add(timer);
    },
    [dismiss, timeoutMs],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast toast--${t.tone}`}>
            <span>{t.message}</span>
            <button
              type="button"
              className="icon-button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss notification"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
