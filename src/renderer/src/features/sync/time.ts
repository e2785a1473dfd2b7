// Relative time for recency that matters (last sync, lag), and a clock that ticks so "12 s ago" stays true.
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

/** 42 → "42 s", 150 → "2 min", 7200 → "2 h", 200000 → "2 days". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3_600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3_600)} h`;
  const days = Math.floor(s / 86_400);
  return `${days} day${days === 1 ? '' : 's'}`;
}

export function relativeTime(ms: number, now: number): string {
  const seconds = (now - ms) / 1_000;
  return seconds < 5 ? 'just now' : `${formatSeconds(seconds)} ago`;
}
