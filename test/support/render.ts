// One renderer per test file: started lazily, closed in `after`.
import { after } from 'node:test';
import { createRenderer, type Renderer } from '../../src/render/pool.js';

export function testRenderer(options: Parameters<typeof createRenderer>[0] = {}): Renderer {
  const renderer = createRenderer({ workers: 1, ...options });
  after(() => renderer.close());
  return renderer;
}
