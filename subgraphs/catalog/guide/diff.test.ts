import { describe, expect, it } from 'vitest';
import { diffContent } from './diff.ts';

describe('diffContent', () => {
  it('names the changed leaf elements by path', () => {
    const before = { promisedTimeLimit: { value: 10, unit: 'WORKING_DAY' }, location: { room: '101' } };
    const after = { promisedTimeLimit: { value: 5, unit: 'WORKING_DAY' }, location: { room: '101', window: '5号窗口' } };
    expect(diffContent(before, after)).toEqual([
      { element: 'promisedTimeLimit.value', change: 'CHANGED', before: 10, after: 5 },
      { element: 'location.window', change: 'ADDED', before: null, after: '5号窗口' },
    ]);
  });

  it('matches materials by id, so an insertion is one addition', () => {
    const m = (id: string, copies = 1) => ({ id, name: id, copies });
    const changes = diffContent({ materials: [m('M01'), m('M02')] }, { materials: [m('M01'), m('M03'), m('M02', 2)] });
    expect(changes).toEqual([
      { element: 'materials[M02].copies', change: 'CHANGED', before: 1, after: 2 },
      { element: 'materials[M03]', change: 'ADDED', before: null, after: m('M03') },
    ]);
  });

  it('compares lists of plain values as a whole and finds nothing between equal documents', () => {
    expect(diffContent({ aliases: ['准生证'] }, { aliases: ['准生证', '生育证'] })).toEqual([
      { element: 'aliases', change: 'CHANGED', before: ['准生证'], after: ['准生证', '生育证'] },
    ]);
    expect(diffContent({ a: [{ x: 1 }] }, { a: [{ x: 1 }] })).toEqual([]);
  });
});
