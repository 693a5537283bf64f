/**
 * HTML strings for the robustness demos' tables (pure string formatting, no DOM access; the
 * components put the strings into the page). Text content is escaped by construction: only numbers
 * and fixed labels are interpolated.
 */

/** A 10×10 confusion matrix as a table; cell shading is the row-normalised fraction. */
export function confusionHtml(m: number[][], caption: string): string {
  const head = `<tr><th scope="col">true ↓ / predicted →</th>${m.map((_, j) => `<th scope="col">${j}</th>`).join('')}</tr>`;
  const body = m
    .map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      return `<tr><th scope="row">${i}</th>${row
        .map((v, j) => `<td style="background:rgba(${i === j ? '60,196,124' : '255,122,89'},${(v / total).toFixed(3)})">${v}</td>`)
        .join('')}</tr>`;
    })
    .join('');
  return `<table class="confusion"><caption>${caption}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A simple table from a header row and rows of strings (caller passes numbers/labels only). */
export function tableHtml(head: string[], rows: (string | number)[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}
