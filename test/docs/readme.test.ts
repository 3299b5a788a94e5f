import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { eventSuiteOptions, loadSampleByType } from '../../fixtures/demo/events.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe('README', () => {
  test('shows the real failure message of the demo save suite, verbatim', async () => {
    const { save } = await loadSampleByType();
    const message = thrownMessage(() => expect(save.shadow).toApproximatelyMatch(save.legacy, eventSuiteOptions.save));
    expect(readme).toContain(message);
  });

  test('quick start is the two commands the CI runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm test');
    const ci = readFileSync(fileURLToPath(new URL('../../.ci/run', import.meta.url)), 'utf8');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
  });
});
