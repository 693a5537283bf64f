/** A decision field: class-1 probabilities on a g×g grid over [−1, 1]², with labelled points on top. */

export function drawDecision(
  canvas: HTMLCanvasElement,
  grid: Float32Array,
  g: number,
  points?: { x: Float32Array; y: Int32Array },
) {
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
  if (!points) return;
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
