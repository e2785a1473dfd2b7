// A min-heap of things the simulated clock must do later (funds becoming available, refunds, payouts).
export type AgendaKind = 'funds_available' | 'refund_complete' | 'payout_submit' | 'payout_arrive';

export interface AgendaItem {
  at: number;
  seq: number;
  kind: AgendaKind;
  /** The balance transaction, refund or payout concerned. */
  ref: string;
}

export class Agenda {
  heap: AgendaItem[] = [];
  private seq = 0;

  push(at: number, kind: AgendaKind, ref: string): void {
    const item = { at, seq: this.seq++, kind, ref };
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  peek(): AgendaItem | undefined {
    return this.heap[0];
  }

  pop(): AgendaItem | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  restore(items: AgendaItem[], seq: number): void {
    this.heap = [];
    this.seq = 0;
    for (const it of [...items].sort((a, b) => (before(a, b) ? -1 : 1))) this.push(it.at, it.kind, it.ref);
    this.seq = seq;
  }

  get nextSeq(): number {
    return this.seq;
  }
}

function before(a: AgendaItem, b: AgendaItem): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
