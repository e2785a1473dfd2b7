// An insertion-ordered store with an id index: the backbone of every Stripe list endpoint.
export interface Identified {
  id: string;
  created: number;
}

export class Collection<T extends Identified> {
  readonly items: T[] = [];
  private readonly index = new Map<string, number>();

  add(item: T): T {
    this.index.set(item.id, this.items.length);
    this.items.push(item);
    return item;
  }

  get(id: string): T | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  position(id: string): number | undefined {
    return this.index.get(id);
  }

  get size(): number {
    return this.items.length;
  }

  static from<T extends Identified>(items: T[]): Collection<T> {
    const c = new Collection<T>();
    for (const item of items) c.add(item);
    return c;
  }
}
