/**
 * 历史版本比对: the elements that differ between two versions of a content document, as paths a
 * person can read (`promisedTimeLimit.value`, `materials[M02].copies`, `faq[1].answer`).
 *
 * Lists of objects that carry an `id` (materials, situations) are matched by id, so inserting a
 * material does not show every later one as changed; other lists of objects are matched by
 * position; lists of plain values (aliases, media) are compared as a whole.
 */
export type ChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface ElementChange {
  element: string;
  change: ChangeKind;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const hasIds = (list: unknown[]) => list.length > 0 && list.every((entry) => isObject(entry) && typeof entry['id'] === 'string');

export function diffContent(before: unknown, after: unknown, path = ''): ElementChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (before === undefined) return [{ element: path, change: 'ADDED', before: null, after }];
  if (after === undefined) return [{ element: path, change: 'REMOVED', before, after: null }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffContent(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (hasIds(before) || hasIds(after)) {
      const byId = (list: unknown[]) => new Map(list.map((entry) => [(entry as { id: string }).id, entry]));
      const a = byId(before);
      const b = byId(after);
      const ids = [...new Set([...a.keys(), ...b.keys()])];
      return ids.flatMap((id) => diffContent(a.get(id), b.get(id), `${path}[${id}]`));
    }
    if (before.some(isObject) || after.some(isObject)) {
      const length = Math.max(before.length, after.length);
      return Array.from({ length }, (_unused, index) => diffContent(before[index], after[index], `${path}[${index}]`)).flat();
    }
  }
  return [{ element: path, change: 'CHANGED', before, after }];
}
