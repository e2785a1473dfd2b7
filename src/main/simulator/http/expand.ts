// Stripe's expand[]: replaces id strings with the objects they name, along dotted paths.
import type { SimulatorState } from '../state/state';
import { invalidRequest } from '../core/errors';
import { renderById } from '../render/by-id';

type Obj = Record<string, unknown>;

function expandPath(state: SimulatorState, obj: Obj, parts: string[], full: string): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  let value = obj[head];
  if (value === undefined) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
  if (typeof value === 'string') {
    const rendered = renderById(state, value);
    if (!rendered) throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
    obj[head] = value = rendered;
  } else if (value !== null && typeof value !== 'object')
    throw invalidRequest(`This property cannot be expanded (${full}).`, 'expand');
  if (rest.length > 0 && value !== null && typeof value === 'object')
    expandPath(state, value as Obj, rest, full);
}

export function expandObject(state: SimulatorState, obj: object, paths: string[]): void {
  for (const path of paths) expandPath(state, obj as Obj, path.split('.'), path);
}

/** For lists: `data.x` paths apply to every item. */
export function expandList(state: SimulatorState, items: object[], paths: string[]): void {
  const itemPaths = paths.map((p) => {
    if (!p.startsWith('data.')) throw invalidRequest(`This property cannot be expanded (${p}).`, 'expand');
    return p.slice(5);
  });
  for (const item of items) expandObject(state, item, itemPaths);
}
