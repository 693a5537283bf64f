/**
 * Web storage that never throws: where the browser blocks it (privacy settings, a sandboxed frame),
 * reads give null and writes are dropped, so a self-check still works and only forgets.
 */
export interface QuietStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

/** `storage` is called on each use, as merely touching a blocked `localStorage` throws. */
export function quietStorage(storage: () => Storage): QuietStorage {
  return {
    get(key) {
      try {
        return storage().getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        storage().setItem(key, value);
      } catch {
        /* blocked: forget */
      }
    },
  };
}
