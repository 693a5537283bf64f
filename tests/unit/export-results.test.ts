import { describe, expect, it } from 'vitest';
import {
  exportFileName,
  recordsToTable,
  resultsJson,
  toCsv,
} from '../../src/lib/export/results.ts';

/** A small RFC 4180 reader, independent of toCsv, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n')
      (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += ch;
  }
  return rows;
}

describe('results as CSV', () => {
  it('writes a table that an RFC 4180 reader reads back cell for cell', () => {
    const table = {
      columns: ['epoch', 'note, with comma', 'loss'],
      rows: [
        [1, 'say "hi"', 0.123456789],
        [2, 'two\nlines', null],
      ],
    };
    const back = parseCsv(toCsv(table));
    expect(back).toEqual([
      ['epoch', 'note, with comma', 'loss'],
      ['1', 'say "hi"', '0.123456789'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('keeps numbers at full precision and names non-finite ones', () => {
    const [, row] = parseCsv(
      toCsv({ columns: ['a', 'b', 'c', 'd'], rows: [[0.1 + 0.2, Infinity, -Infinity, NaN]] }),
    );
    expect(Number(row![0])).toBe(0.1 + 0.2);
    expect(row!.slice(1)).toEqual(['Infinity', '-Infinity', 'NaN']);
  });

  it('refuses a ragged row', () => {
    expect(() => toCsv({ columns: ['a', 'b'], rows: [[1]] })).toThrow(
      /Row 1 has 1 values for 2 columns/,
    );
  });

  it('turns records into columns in first-seen order, filling gaps with empty cells', () => {
    expect(
      recordsToTable([
        { a: 1, b: 2 },
        { b: 3, c: 'x' },
      ]),
    ).toEqual({
      columns: ['a', 'b', 'c'],
      rows: [
        [1, 2, null],
        [null, 3, 'x'],
      ],
    });
  });
});

describe('results as JSON', () => {
  it('carries the demo, settings and backend with the results, non-finite numbers as text', () => {
    const parsed = JSON.parse(
      resultsJson(
        { demo: 'd', settings: { epochs: '3' }, backend: 'cpu', time: '2026-01-01T00:00:00.000Z' },
        { loss: [1, NaN] },
      ),
    );
    expect(parsed).toEqual({
      demo: 'd',
      settings: { epochs: '3' },
      backend: 'cpu',
      time: '2026-01-01T00:00:00.000Z',
      results: { loss: [1, 'NaN'] },
    });
  });

  it('makes safe file names', () => {
    expect(exportFileName('Training Overfit', 'Results/curve', 'csv')).toBe(
      'training-overfit-results-curve.csv',
    );
    expect(exportFileName('***', 'x', 'json')).toBe('demo-x.json');
  });
});
