/**
 * Progressive enhancement of the self-check forms (Quiz, SelfCheck), which work as plain HTML without
 * JavaScript: for every root matching `selector`, show its JavaScript-only parts ([data-js-only]),
 * wire it up, and mark it ready (data-ready="true", what the e2e tests wait for).
 */
export function enhanceAll<T extends HTMLElement>(
  selector: string,
  setup: (root: T) => void,
): void {
  document.querySelectorAll<T>(selector).forEach((root) => {
    root.querySelectorAll<HTMLElement>('[data-js-only]').forEach((e) => (e.hidden = false));
    setup(root);
    root.dataset.ready = 'true';
  });
}
