// Append-only event log with an id index and pruning of events older than the retention window.
import type { EventRec } from './records';
import { createdWindow } from '../core/list';

export const EVENT_RETENTION_SECONDS = 30 * 86_400;

export class EventStore {
  /** Retained events, oldest first; `base` is the absolute sequence number of events[0]. */
  events: EventRec[] = [];
  private base = 0;
  private readonly index = new Map<string, number>();
  /** Events ever emitted (including pruned ones). */
  emitted = 0;

  add(event: EventRec): void {
    this.index.set(event.id, this.base + this.events.length);
    this.events.push(event);
    this.emitted++;
  }

  positionOf = (id: string): number | undefined => {
    const abs = this.index.get(id);
    return abs === undefined ? undefined : abs - this.base;
  };

  get(id: string): EventRec | undefined {
    const pos = this.positionOf(id);
    return pos === undefined ? undefined : this.events[pos];
  }

  /** Index of the first event still listable at `now`. */
  firstListable(now: number): number {
    return createdWindow(this.events, { gte: now - EVENT_RETENTION_SECONDS })[0];
  }

  /** Drops events that can never be listed again (the clock only moves forward). */
  prune(now: number): void {
    const cut = this.firstListable(now);
    if (cut < 4096 || cut < this.events.length / 4) return;
    for (let i = 0; i < cut; i++) this.index.delete(this.events[i]!.id);
    this.events = this.events.slice(cut);
    this.base += cut;
  }

  restore(events: EventRec[], base: number, emitted: number): void {
    this.events = events;
    this.base = base;
    this.emitted = emitted;
    this.index.clear();
    events.forEach((e, i) => this.index.set(e.id, base + i));
  }

  get baseIndex(): number {
    return this.base;
  }
}
