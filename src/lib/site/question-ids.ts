/**
 * A short label for the question ids a page answers, for the sidebar: runs of consecutive numbers
 * with the same prefix collapse ("nn-001–003"), later numbers of that prefix drop it ("nn-008, 014").
 */
export function compactIds(ids: readonly string[]): string {
  const parts: string[] = [];
  let prefix: string | undefined;
  let run: { shown: string; first: number; n: number; width: number } | undefined;
  const flush = () => {
    if (run)
      parts.push(
        run.n === run.first ? run.shown : `${run.shown}–${String(run.n).padStart(run.width, '0')}`,
      );
    run = undefined;
  };
  for (const id of ids) {
    const m = /^(.*?)(\d+)$/.exec(id);
    if (m && run && m[1] === prefix && Number(m[2]) === run.n + 1) {
      run.n += 1;
      continue;
    }
    flush();
    if (!m) {
      prefix = undefined;
      parts.push(id);
      continue;
    }
    run = {
      shown: m[1] === prefix ? m[2]! : id,
      first: Number(m[2]),
      n: Number(m[2]),
      width: m[2]!.length,
    };
    prefix = m[1];
  }
  flush();
  return parts.join(', ');
}
