/** Self-check progress in localStorage (format and rules in src/lib/selfcheck/progress.ts). Blocked storage means no memory, never an error. */
import {
  STORAGE_KEY,
  forget,
  parseProgress,
  record,
  type Progress,
  type Status,
} from '../../lib/selfcheck/progress.ts';

export const PROGRESS_EVENT = 'selfcheck-progress';

export function loadProgress(): Progress {
  try {
    return parseProgress(localStorage.getItem(STORAGE_KEY));
  } catch {
    return {};
  }
}

function save(p: Progress) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    /* storage blocked: the check still works, it just forgets */
  }
  document.dispatchEvent(new CustomEvent(PROGRESS_EVENT));
}

export function recordProgress(id: string, event: Status) {
  save(record(loadProgress(), id, event));
}

export function forgetProgress(ids: readonly string[]) {
  save(forget(loadProgress(), ids));
}
