/** Self-check progress in localStorage (format and rules in src/lib/selfcheck/progress.ts). Blocked storage means no memory, never an error. */
import {
  STORAGE_KEY,
  forget,
  parseProgress,
  record,
  type Progress,
  type Status,
} from '../../lib/selfcheck/progress.ts';
import { quietStorage } from './quiet-storage.ts';

export const PROGRESS_EVENT = 'selfcheck-progress';
const local = quietStorage(() => localStorage);

export function loadProgress(): Progress {
  return parseProgress(local.get(STORAGE_KEY));
}

function save(p: Progress) {
  local.set(STORAGE_KEY, JSON.stringify(p));
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

export function recordProgress(id: string, event: Status) {
  save(record(loadProgress(), id, event));
}

export function forgetProgress(ids: readonly string[]) {
  save(forget(loadProgress(), ids));
}
