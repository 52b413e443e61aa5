import { compareSorted, noDueDate, parseSort, type SortPlace } from './list-order';

/** The order the asOf list (folded in memory) gives: the same as the SQL list's. */
const ordered = (sortText: string, places: Array<[string, SortPlace[0], number]>) => {
  const sort = parseSort(sortText)!;
  return [...places].sort((a, b) => compareSorted(sort, [a[1], 'review', a[2]], [b[1], 'review', b[2]])).map(([code]) => code);
};

describe('the list’s order in memory', () => {
  const progress: Array<[string, number, number]> = [
    ['R1', 0, 1],
    ['R2', 40, 2],
    ['R3', 0, 3],
    ['R4', 40, 4],
  ];

  it('puts ties in code order both ways; only the code itself reverses', () => {
    expect(ordered('progressPercent', progress)).toEqual(['R1', 'R3', 'R2', 'R4']);
    expect(ordered('-progressPercent', progress)).toEqual(['R2', 'R4', 'R1', 'R3']);
    expect(ordered('-code', [['R1', null, 1], ['R2', null, 2]])).toEqual(['R2', 'R1']);
  });

  it('puts recommendations with no open action last both ways', () => {
    const due = (sortText: string): Array<[string, string, number]> => [
      ['R1', noDueDate(parseSort(sortText)), 1],
      ['R2', '2012-05-31', 2],
      ['R3', '2012-08-31', 3],
    ];
    expect(ordered('dueDate', due('dueDate'))).toEqual(['R2', 'R3', 'R1']);
    expect(ordered('-dueDate', due('-dueDate'))).toEqual(['R3', 'R2', 'R1']);
  });
});
