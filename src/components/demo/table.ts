/**
 * One table builder for demo output: cells are text or nodes (never HTML strings), header cells
 * get scope, and the table gets the class `result` that Demo.astro styles (padding, borders,
 * right-aligned numbers).
 */

/** A cell: text, a number (shown as given), a node, or text with data attributes and a background. */
export type Cell =
  | string
  | number
  | Node
  | { text: string | Node; data?: Record<string, string>; background?: string };

export interface TableSpec {
  /** Column headings (one header row), or none. */
  head?: (string | Node)[];
  rows: Cell[][];
  /** The first cell of each body row is a row header. */
  rowHeaders?: boolean;
  caption?: string;
}

function cell(c: Cell, tag: 'td' | 'th', scope?: 'row' | 'col'): HTMLTableCellElement {
  const el = document.createElement(tag);
  if (scope) el.scope = scope;
  if (c instanceof Node) el.append(c);
  else if (typeof c === 'object') {
    el.append(c.text);
    Object.assign(el.dataset, c.data ?? {});
    if (c.background) el.style.background = c.background;
  } else el.textContent = String(c);
  return el;
}

/** Replace the rows of a table section. */
function fillRows(section: HTMLTableSectionElement, rows: Cell[][], rowHeaders?: boolean) {
  section.replaceChildren();
  for (const row of rows) {
    const tr = section.insertRow();
    row.forEach((c, i) =>
      tr.append(
        cell(c, rowHeaders && i === 0 ? 'th' : 'td', rowHeaders && i === 0 ? 'row' : undefined),
      ),
    );
  }
}

/**
 * Fill `target` (a <table>, or any element that then holds a new table) and return the table.
 * A <tbody> target gets only the rows: its table keeps the head written in the markup.
 */
export function fillTable(target: HTMLElement, spec: TableSpec): HTMLTableElement {
  if (target instanceof HTMLTableSectionElement) {
    fillRows(target, spec.rows, spec.rowHeaders);
    const t = target.closest('table')!;
    t.classList.add('result');
    return t;
  }
  const table = target instanceof HTMLTableElement ? target : document.createElement('table');
  table.replaceChildren();
  table.classList.add('result');
  if (spec.caption) table.createCaption().textContent = spec.caption;
  if (spec.head) {
    const tr = table.createTHead().insertRow();
    spec.head.forEach((h) => tr.append(cell(h, 'th', 'col')));
  }
  fillRows(table.createTBody(), spec.rows, spec.rowHeaders);
  if (table !== target) target.replaceChildren(table);
  return table;
}

/** An element with text, for a cell that needs markup: el('code', 'W1'). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}
