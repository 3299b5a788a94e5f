import { ShadowReporter } from './ShadowReporter.js';
import type { ShadowPluginOptions } from './types.js';

/**
 * The Vite/Vitest plugin object {@link shadowPlugin} returns.
 *
 * @example
 * const plugin: ShadowVitestPlugin = shadowPlugin({ outputDir: 'out' });
 */
export interface ShadowVitestPlugin {
  name: 'vitest-shadow';
  /** Vitest's plugin hook (Vitest ≥ 3.1, including 4.1 and 5): adds the reporter to the run. */
  configureVitest(context: { vitest: { config: { reporters: unknown[] } } }): void;
}

/**
 * The Vitest plugin of vitest-shadow: adds {@link ShadowReporter} beside the reporters already
 * configured, so every run writes the JSON, Markdown, JUnit and HTML reports and appends history.
 *
 * @example
 * // vitest.config.ts
 * import { defineConfig } from 'vitest/config';
 * import { shadowPlugin } from 'vitest-shadow/plugin';
 * export default defineConfig({
 *   plugins: [shadowPlugin({ outputDir: 'shadow-reports', historyDir: '.shadow-history', partition: process.env.PARTITION })],
 *   test: { setupFiles: ['./vitest.setup.ts'] },
 * });
 */
export function shadowPlugin(options: ShadowPluginOptions = {}): ShadowVitestPlugin {
  return {
    name: 'vitest-shadow',
    configureVitest({ vitest }) {
      vitest.config.reporters.push(new ShadowReporter(options));
    },
  };
}
