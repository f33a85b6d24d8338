/** Items grouped under the keys asked for, in the order asked, each group in the items' order. */
export function groupBy<T>(items: readonly T[], keys: readonly string[], keyOf: (item: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    if (key !== null) groups.get(key)?.push(item);
  }
  return keys.map((key) => groups.get(key)!);
}
