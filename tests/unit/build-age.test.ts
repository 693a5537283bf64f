import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcesNewerThan } from '../../scripts/lib/build-age.ts';

describe('sourcesNewerThan (bench: is the build current?)', () => {
  const root = mkdtempSync(join(tmpdir(), 'build-age-'));
  const built = join(root, 'built.html');
  const deep = join(root, 'src', 'lib', 'train');
  mkdirSync(deep, { recursive: true });
  const source = join(deep, 'engine.ts');
  writeFileSync(built, '');
  writeFileSync(source, '');
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  it('is false when every source is older than the build', () => {
    at(source, 1000);
    at(built, 2000);
    expect(sourcesNewerThan(built, [join(root, 'src')])).toBe(false);
  });

  it('is true when a file deep in a source folder changed after the build', () => {
    at(source, 3000);
    at(built, 2000);
    expect(sourcesNewerThan(built, [join(root, 'src')])).toBe(true);
  });
});
