/**
 * Whether a built site is older than the sources it was built from: the newest file under the given
 * folders changed after the build's marker file was written. A bench of a stale build measures old
 * code without saying so.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time (ms) of any file below `dir`. */
function newestBelow(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestBelow(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** True when a file under one of `sourceDirs` changed after `builtFile` was written. */
export function sourcesNewerThan(builtFile: string, sourceDirs: readonly string[]): boolean {
  const built = statSync(builtFile).mtimeMs;
  return sourceDirs.some((dir) => newestBelow(dir) > built);
}
