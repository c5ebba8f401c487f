import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, generatedFiles } from '../../scripts/generate';

describe('generated files', () => {
  for (const [path, expected] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (run \`npm run gen\`)`, () => {
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), expected);
    });
  }
});
