/**
 * The demo catalogue (src/components/demos/catalogue.ts) against the islands: TypeScript already
 * refuses a `<Demo name>` or `mount(name)` that is not in the catalogue; this checks the other
 * direction — every entry is declared by an island's frame and mounted by its script, so no entry
 * is stale — and that each entry's provenance files exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMOS, type DemoIdentity, type DemoName } from '../../src/components/demos/catalogue.ts';

const ISLANDS = 'src/components/demos';
const islands = readdirSync(ISLANDS)
  .filter((f) => f.endsWith('.astro'))
  .map((f) => readFileSync(join(ISLANDS, f), 'utf8'));

/** Names as islands write them: a literal ('x' or "x"), or a template `prefix-${…}` (a family). */
function namesIn(pattern: RegExp): { literal: Set<string>; prefixes: string[] } {
  const literal = new Set<string>();
  const prefixes: string[] = [];
  for (const source of islands) {
    for (const m of source.matchAll(pattern)) {
      const written = m[1]!;
      const template = /^`([^`$]*)\$\{/.exec(written);
      if (template) prefixes.push(template[1]!);
      else literal.add(written.slice(1, -1));
    }
  }
  return { literal, prefixes };
}

const covered = (name: string, found: { literal: Set<string>; prefixes: string[] }) =>
  found.literal.has(name) || found.prefixes.some((p) => name.startsWith(p));

describe('demo catalogue', () => {
  const declared = namesIn(/<Demo\s+name=\{?("[^"]+"|`[^`]+`)\}?/g);
  const mounted = namesIn(/mount(?:All)?\(\s*('[^']+'|`[^`]+`)/g);
  const names = Object.keys(DEMOS);

  it('finds the islands it checks', () => {
    expect(declared.literal.size).toBeGreaterThan(50);
    expect(mounted.literal.size).toBeGreaterThan(50);
  });

  it.each(names)('%s is declared by an island and mounted by its script', (name) => {
    expect(covered(name, declared), `no <Demo name="${name}">`).toBe(true);
    expect(covered(name, mounted), `no mount('${name}', …)`).toBe(true);
  });

  it.each(names)('%s names provenance files that exist', (name) => {
    const { module, test }: DemoIdentity = DEMOS[name as DemoName];
    for (const path of [module, test]) if (path) expect(existsSync(path), path).toBe(true);
  });
});
