/**
 * vitest-shadow/plugin: the Vitest plugin and reporter that turn a run's Reports into artefacts
 * (JSON, Markdown, JUnit, one self-contained HTML file) and history.
 */
export { shadowPlugin } from './shadowPlugin.js';
export type { ShadowVitestPlugin } from './shadowPlugin.js';
export { ShadowReporter, OUTPUT_FILES } from './ShadowReporter.js';
export { renderMarkdown } from './renderMarkdown.js';
export { renderJunit } from './renderJunit.js';
export { renderHtml } from './renderHtml.js';
export type { ShadowPluginOptions, RunEntry, RunFile } from './types.js';
