// A small seeded PRNG (sfc32) so that every simulated choice is reproducible from one seed.
export interface PrngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | PrngState) {
    if (typeof seed === 'number') {
      this.a = 0x9e3779b9;
      this.b = 0x243f6a88;
      this.c = 0xb7e15162;
      this.d = seed >>> 0;
      for (let i = 0; i < 15; i++) this.nextU32();
    } else {
      this.a = seed.a;
      this.b = seed.b;
      this.c = seed.c;
      this.d = seed.d;
    }
  }

  snapshot(): PrngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1); used only for choices, never for amounts. */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with the given probability expressed in basis points (0–10000). */
  chanceBps(bps: number): boolean {
    return this.nextU32() % 10000 < bps;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** A derived, independent generator (for sub-streams that must not disturb this one). */
  fork(salt: number): Prng {
    return new Prng((this.nextU32() ^ Math.imul(salt, 0x85ebca6b)) >>> 0);
  }

  /** An RFC 4122 version-4-shaped UUID drawn from this stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const w = [this.nextU32(), this.nextU32(), this.nextU32(), this.nextU32()];
    const s = hex(w[0]!) + hex(w[1]!) + hex(w[2]!) + hex(w[3]!);
    const variant = ((parseInt(s[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  }

  /** Base-62 string of the given length (Stripe-style id suffixes). */
  token(length: number): string {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.nextU32() % 62];
    return out;
  }
}
