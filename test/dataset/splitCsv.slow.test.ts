import { expect, test } from 'vitest';
import { checkSplitsLikeCsvParse } from './_splitCsvProperty.js';

test('splits like csv-parse, at any chunk size (2000 runs, seed 20261207)', async () => {
  await checkSplitsLikeCsvParse(2000, 20261207);
  expect(true).toBe(true);
});
