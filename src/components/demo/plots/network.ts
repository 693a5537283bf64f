/**
 * A small layered network as SVG: one column of units per layer, kept units filled, dropped units
 * hollow and dashed, an edge between every two kept units of adjacent layers, a caption below.
 */

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with its attributes. */
function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/**
 * `kept[l][i]`: whether unit i of layer l is present. Returns the drawing (width × height CSS pixels)
 * with `caption` under it and `description` as its accessible name; `faded` draws it half
 * transparent (a network set apart from the others, e.g. one that no longer connects).
 */
export function drawNetwork(
  kept: readonly (readonly boolean[])[],
  {
    caption,
    description,
    faded = false,
  }: { caption: string; description: string; faded?: boolean },
  width = 120,
  height = 92,
): SVGSVGElement {
  const cols = kept.length;
  const pos = kept.map((layer, l) =>
    layer.map(
      (_, i) =>
        [
          14 + (l * (width - 28)) / (cols - 1),
          12 + ((i + 0.5) * (height - 34)) / layer.length,
        ] as const,
    ),
  );
  const root = svg('svg', { width, height, role: 'img', 'aria-label': description });
  if (faded) root.setAttribute('opacity', '0.55');
  for (let l = 0; l + 1 < cols; l++)
    kept[l]!.forEach((a, i) =>
      kept[l + 1]!.forEach((b, j) => {
        if (!(a && b)) return;
        const [[x1, y1], [x2, y2]] = [pos[l]![i]!, pos[l + 1]![j]!];
        root.append(svg('line', { x1, y1, x2, y2, stroke: 'currentColor', 'stroke-opacity': 0.6 }));
      }),
    );
  kept.forEach((layer, l) =>
    layer.forEach((k, i) =>
      root.append(
        svg('circle', {
          cx: pos[l]![i]![0],
          cy: pos[l]![i]![1],
          r: 5.5,
          fill: k ? 'var(--sl-color-accent)' : 'none',
          stroke: k ? 'var(--sl-color-accent-high)' : 'var(--sl-color-gray-4)',
          'stroke-dasharray': k ? '' : '2 2',
        }),
      ),
    ),
  );
  const text = svg('text', {
    x: width / 2,
    y: height - 4,
    'font-size': 9,
    'text-anchor': 'middle',
    fill: 'currentColor',
  });
  text.textContent = caption;
  root.append(text);
  return root;
}
