/** A stable id for an SVG arrow-head marker, unique per drawing (derived from its title), so that several figures on one page do not share one. */
export function markerId(prefix: string, title: string): string {
  return `${prefix}-${Math.abs([...title].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))}`;
}
