/**
 * Word-run overlap between our text and the source documents (used by tests/unit/originality.test.ts).
 * Text is lower-cased and split into alphanumeric words; a "run" is N consecutive words.
 */
export const RUN = 10;

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Our text without its mathematics: `$…$` and `$$…$$` spans are standard notation (a norm, a penalised
 * objective), not wording, so they are left out of the comparison.
 */
export function prose(text: string): string {
  return text.replace(/\$\$[\s\S]*?\$\$/g, ' ').replace(/\$[^$\n]+\$/g, ' ');
}

/** Every run of `n` consecutive words in `text`. */
export function shingles(text: string, n = RUN): Set<string> {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
}

/**
 * Runs of `text` that also occur in `seed`, except runs that are given data rather than prose: at least
 * half numbers (weights, inputs), or made of at most 5 distinct words (option lists such as
 * "1 conv act bn dropout 2 conv bn act dropout").
 */
export function copiedRuns(text: string, seed: Set<string>, n = RUN): string[] {
  const hits: string[] = [];
  for (const run of shingles(text, n)) {
    if (!seed.has(run)) continue;
    const toks = run.split(' ');
    const numeric = toks.filter((t) => /^\d+$/.test(t)).length;
    const distinct = new Set(toks.filter((t) => !/^\d+$/.test(t))).size;
    if (numeric * 2 < n && distinct > 5) hits.push(run);
  }
  return hits;
}
