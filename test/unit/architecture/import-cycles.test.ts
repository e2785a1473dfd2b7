// Keeps the rooms of src/main layered: no two folders import each other, directly or round a longer loop.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src/main');
const IMPORT = /(?:import|export)(\s+type)?\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The room a file belongs to: its first folder under src/main (files at the top are rooms of their own). */
const roomOf = (file: string) => relative(MAIN, file).split('/')[0]!.replace(/\.ts$/, '');

/**
 * room → rooms it imports. Type-only imports count too (a cycle of types is still a cycle of rooms), except those
 * of `api/`: the handler kit at the bottom names the services every handler is given, from the rooms above it.
 */
function roomGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(MAIN)) {
    const from = roomOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const [, typeOnly, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly && from === 'api') continue;
      const target = resolve(dirname(file), spec!);
      if (!target.startsWith(MAIN)) continue;
      const to = roomOf(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Strongly connected components with more than one room (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

describe('the rooms of src/main', () => {
  it('import each other without cycles', () => {
    expect(cycles(roomGraph())).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself works)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('keeps the projection kernel below every domain that registers with it', () => {
    const graph = roomGraph();
    for (const kernelDep of graph.get('projection') ?? [])
      expect(['db', 'audit', 'stripe'], `projection imports ${kernelDep}`).toContain(kernelDep);
  });
});
