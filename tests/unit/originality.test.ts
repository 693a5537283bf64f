/**
 * Our answers and restatements are written in our own words: no page or catalogue entry may share a
 * run of 10 consecutive words with the source documents in ../shared/seeds. Runs made mostly of
 * numbers (weights and inputs that a question gives) do not count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiedRuns, prose, shingles } from '../../scripts/originality.ts';

const SEEDS = join(process.cwd(), '..', 'shared', 'seeds');
const CONTENT = join(process.cwd(), 'src', 'content');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(mdx?|ya?ml)$/.test(n) ? [p] : [];
  });
}

describe('originality', () => {
  it('detects a copied run and ignores runs of numbers (the checker itself)', () => {
    const seed = shingles(
      'the quick brown fox jumps over the lazy dog again and again today 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0',
    );
    expect(
      copiedRuns('we saw that the quick brown fox jumps over the lazy dog again and again', seed)
        .length,
    ).toBeGreaterThan(0);
    expect(copiedRuns('a quick brown fox jumped over a lazy dog, again and again', seed)).toEqual(
      [],
    );
    expect(copiedRuns('weights 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0', seed)).toEqual([]);
    const options = shingles('order 1 conv act bn dropout 2 conv act dropout bn 3 conv bn act');
    expect(
      copiedRuns('1 conv act bn dropout 2 conv act dropout bn 3 conv bn act', options),
    ).toEqual([]);
    // Mathematics is notation, not wording; the prose around it still counts.
    const mathSeed = shingles(
      'we minimise J tilde of theta X y equals J of theta X y plus alpha Omega of theta always',
    );
    const page =
      'We minimise $\\tilde J(\\theta; X, y) = J(\\theta; X, y) + \\alpha\\Omega(\\theta)$ here.';
    expect(prose(page)).toBe('We minimise   here.');
    expect(prose('a $$x^2$$ b $y$ c')).toBe('a   b   c');
    expect(
      copiedRuns(prose('the quick brown fox $x$ jumps over the lazy dog again and again'), seed)
        .length,
    ).toBeGreaterThan(0);
    expect(
      copiedRuns(
        prose('we minimise J tilde of theta X y equals J of theta X y plus alpha'),
        mathSeed,
      ).length,
    ).toBeGreaterThan(0);
  });

  it('no answer page or catalogue entry shares 10 consecutive words with the seeds', () => {
    const seedText = readdirSync(SEEDS)
      .map((f) => readFileSync(join(SEEDS, f), 'utf8'))
      .join('\n');
    const seed = shingles(seedText);
    const offenders = walk(CONTENT)
      .map((f) => ({
        f: f.slice(CONTENT.length + 1),
        runs: copiedRuns(prose(readFileSync(f, 'utf8')), seed),
      }))
      .filter((o) => o.runs.length > 0)
      .map((o) => `${o.f}: “${o.runs[0]}” (+${o.runs.length - 1} more)`);
    expect(offenders).toEqual([]);
  });
});
