/**
 * A demo's results as files a reader can keep (no DOM): a table as CSV (RFC 4180: comma-separated,
 * CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled) and anything as
 * JSON with the settings and backend it came from.
 */

export type CellValue = string | number | boolean | null;

/** A table of results: column names and rows of the same length. */
export interface ResultTable {
  columns: string[];
  rows: CellValue[][];
}

function csvField(v: CellValue): string {
  if (v === null) return '';
  // Full precision for numbers: a CSV is for further work, not for reading.
  const s =
    typeof v === 'number'
      ? Number.isFinite(v)
        ? String(v)
        : v > 0
          ? 'Infinity'
          : v < 0
            ? '-Infinity'
            : 'NaN'
      : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text. Throws when a row's length differs from the header's. */
export function toCsv(table: ResultTable): string {
  const lines = [table.columns.map(csvField).join(',')];
  table.rows.forEach((row, i) => {
    if (row.length !== table.columns.length)
      throw new Error(`Row ${i + 1} has ${row.length} values for ${table.columns.length} columns.`);
    lines.push(row.map(csvField).join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

/** Records (objects with the same keys) as a table; the columns are the keys in first-seen order. */
export function recordsToTable(records: Record<string, CellValue>[]): ResultTable {
  const columns: string[] = [];
  for (const r of records)
    for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return { columns, rows: records.map((r) => columns.map((c) => r[c] ?? null)) };
}

export interface ResultMeta {
  demo: string;
  settings: Record<string, string>;
  backend: string;
  /** ISO time of the run. */
  time: string;
}

/** The JSON file: what ran, where, with which settings, and the results themselves. */
export function resultsJson(meta: ResultMeta, results: unknown): string {
  return (
    JSON.stringify(
      { ...meta, results },
      (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    ) + '\n'
  );
}

/** A file name from the demo's name and the kind of file: "training-overfit-results.csv". */
export function exportFileName(demo: string, what: string, ext: string): string {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'demo';
  return `${safe(demo)}-${safe(what)}.${ext}`;
}
