import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** uPlot's minified browser build and stylesheet, read from node_modules/uplot/dist to inline them. */
export function uplotAssets(): { js: string; css: string } {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('uplot'));
  const dir = /dist$/.test(dist) ? dist : join(dist, 'dist');
  return { js: readFileSync(join(dir, 'uPlot.iife.min.js'), 'utf8'), css: readFileSync(join(dir, 'uPlot.min.css'), 'utf8') };
}
