/** Small drawing helpers for demo islands (UI only). */

/** Paint class-1 probabilities (g×g, row-major) as a red/blue field with points on top. */
export function drawDecision(canvas: HTMLCanvasElement, grid: Float32Array, g: number, points?: { x: Float32Array; y: Int32Array }) {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const size = canvas.width;
  const img = ctx.createImageData(g, g);
  for (let i = 0; i < g * g; i++) {
    const p = grid[i]!;
    img.data[4 * i] = 70 + 150 * (1 - p);
    img.data[4 * i + 1] = 90;
    img.data[4 * i + 2] = 70 + 150 * p;
    img.data[4 * i + 3] = 255;
  }
  const off = new OffscreenCanvas(g, g);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, size, size);
  if (points) {
    for (let i = 0; i < points.y.length; i++) {
      const px = ((points.x[2 * i]! + 1) / 2) * size;
      const py = ((1 - points.x[2 * i + 1]!) / 2) * size;
      ctx.beginPath();
      ctx.arc(px, py, 2.5, 0, 2 * Math.PI);
      ctx.fillStyle = points.y[i] ? '#cfe3ff' : '#ffd6cf';
      ctx.strokeStyle = points.y[i] ? '#1b4f9c' : '#9c2b1b';
      ctx.fill();
      ctx.stroke();
    }
  }
}

/** Format a number for tables: fixed digits, or scientific for tiny values. */
export function fmt(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && Math.abs(v) < 10 ** -digits) return v.toExponential(2);
  return v.toFixed(digits);
}

/** Render a matrix as an HTML table body. */
export function matrixTable(m: number[][], digits = 3): string {
  return `<table><tbody>${m.map((r) => `<tr>${r.map((v) => `<td>${fmt(v, digits)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}
