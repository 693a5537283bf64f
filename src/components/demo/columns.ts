/**
 * A result table declared by its columns, each written once as a heading and how a row shows in it,
 * instead of a heading list and row arrays that must be kept in the same order by hand.
 */
import { fillTable, type Cell } from './table.ts';

/** A column: its heading, and the cell of a row. */
export type Column<R> = readonly [head: string, cell: (row: R) => Cell];

/**
 * Fill `target` (see fillTable) with one body row per item of `rows`; `rowData` gives a row's data
 * attributes (e.g. { kind: 'minimax' } for tr[data-kind=minimax]). Returns the table.
 */
export function fillColumns<R>(
  target: HTMLElement,
  rows: readonly R[],
  columns: readonly Column<R>[],
  rowData?: (row: R) => Record<string, string>,
): HTMLTableElement {
  const table = fillTable(target, {
    head: columns.map(([head]) => head),
    rows: rows.map((r) => columns.map(([, cell]) => cell(r))),
  });
  if (rowData)
    rows.forEach((r, i) => Object.assign(table.tBodies[0]!.rows[i]!.dataset, rowData(r)));
  return table;
}
