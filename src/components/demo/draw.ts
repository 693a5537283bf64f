/** Former home of small drawing and formatting helpers. Kept until every island imports from ./index.ts. */
export { drawDecision } from './plots/decision.ts';

/** Format a number for tables: fixed digits, or scientific for tiny values (hyphen-minus; prefer num from ./format.ts). */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return v.toExponential(2);
  return v.toFixed(digits);
}

/** Render a matrix as an HTML table body (prefer fillTable from ./table.ts). */
export function matrixTable(m: number[][], digits = 3): string {
  return `<table><tbody>${m.map((r) => `<tr>${r.map((v) => `<td>${fmt(v, digits)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
