import type { ItemClass } from './types.ts';

/** The catalog's three classes (seed 001), keyed by the Chinese class name used in the JSON. */
export const ITEM_CLASSES: Readonly<Record<string, ItemClass>> = {
  政府信息公开事项: 'DISCLOSURE',
  行政职权事项: 'ADMINISTRATIVE_POWER',
  便民服务事项: 'CONVENIENCE',
};

/** Throws on a class name the catalog does not use: a data error, caught when seeding. */
export function itemClassOf(className: string): ItemClass {
  const itemClass = ITEM_CLASSES[className];
  if (itemClass === undefined) throw new RangeError(`unknown catalog class ${className}`);
  return itemClass;
}
