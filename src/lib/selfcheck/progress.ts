/**
 * What the reader has done with the self-checks, kept in localStorage across visits: per question id,
 * 'correct', 'incorrect' (checked, last try wrong) or 'revealed' (answer shown without a correct try).
 * Parsing is defensive: malformed or stale data reads as no progress, never as an exception.
 */

export type Status = 'correct' | 'incorrect' | 'revealed';
export type Progress = Record<string, Status>;

export const STORAGE_KEY = 'runnable-answers:selfcheck:v1';
const STATUSES: readonly string[] = ['correct', 'incorrect', 'revealed'];

export function parseProgress(raw: string | null | undefined): Progress {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const out: Progress = {};
  for (const [id, s] of Object.entries(data))
    if (typeof s === 'string' && STATUSES.includes(s)) out[id] = s as Status;
  return out;
}

/**
 * The new progress after an event. A correct answer stays correct when the reader later reveals the
 * answer; a reveal does not overwrite a wrong try (the reader did check).
 */
export function record(p: Progress, id: string, event: Status): Progress {
  const now = p[id];
  if (event === 'revealed' && now) return p;
  return { ...p, [id]: event };
}

/** Forget the given ids (a section's reset). */
export function forget(p: Progress, ids: readonly string[]): Progress {
  const drop = new Set(ids);
  return Object.fromEntries(Object.entries(p).filter(([id]) => !drop.has(id)));
}

/** Of these ids: how many were checked (correct or incorrect), how many correct, out of how many. */
export function summarise(
  p: Progress,
  ids: readonly string[],
): { checked: number; correct: number; total: number; text: string } {
  const checked = ids.filter((id) => p[id] === 'correct' || p[id] === 'incorrect').length;
  const correct = ids.filter((id) => p[id] === 'correct').length;
  const total = ids.length;
  return { checked, correct, total, text: `${checked} of ${total} checked, ${correct} correct` };
}
