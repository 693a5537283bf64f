/**
 * WebGL compiles one shader program per operation and tensor shape, so a short run that meets many
 * shapes (several batch sizes, growing sequences, three models one after another) spends much of its
 * time compiling. Passing shapes as uniforms lets one program serve every shape.
 */
import type { BackendInfo } from './index.ts';

/** On WebGL, let one shader program serve every tensor shape (no effect on other backends). */
export function shareShadersAcrossShapes(backend: Pick<BackendInfo, 'name' | 'tf'>): void {
  if (backend.name === 'webgl') backend.tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
}
