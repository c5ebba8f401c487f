import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { templateModule } from '../../../scripts/generate';
import { REPO_ROOT } from '../helpers';

const DEFAULT_MD = readFileSync(join(REPO_ROOT, 'templates', 'default.md'), 'utf8');

/**
 * The user's template (shared/template/incident-report-template.md) is not in the clone:
 * its documented differences from templates/default.md are embedded here, with the
 * SHA-256 of the user's file, so any other drift fails.
 */
const SHARED_FRONT_MATTER = '---\nTitle: Incident Report Template\nOwner: Spark Eng (Platform)\nStatus: Stable\nLastUpdated: 2025-10-25\nLinks: PR-#3\n---\n';
const DEFAULT_FRONT_MATTER = '---\nTitle: Incident Report\nOwner: ""\nStatus: Open\nLastUpdated: 2025-10-25\nLinks: []\n---\n';
const SHARED_ATTENDEES = '**Attendees:**\n- \n- \n';
const DEFAULT_ATTENDEES = '**Attendees:**\n\n- \n- \n';
const SHARED_SHA256 = '03f60e6e80e727514b291c1c5295d4289042c0e07bdc1764b1df37eb749b748e';
const SHARED_LENGTH = 5134; // bytes

describe('default template', () => {
  it('src/core/template/defaultTemplate.generated.ts is in sync with templates/default.md', () => {
    const generated = readFileSync(join(REPO_ROOT, 'src', 'core', 'template', 'defaultTemplate.generated.ts'), 'utf8');
    assert.equal(generated, templateModule(DEFAULT_MD), 'run `npm run gen`');
    assert.equal(DEFAULT_TEMPLATE, DEFAULT_MD);
  });

  it('is LF-only UTF-8 without a byte order mark', () => {
    assert.notEqual(DEFAULT_MD.charCodeAt(0), 0xfeff);
    assert.ok(!DEFAULT_MD.includes('\r'));
    assert.ok(DEFAULT_MD.endsWith('\n'));
  });

  it("equals the user's template except for the report front matter and the blank line before the Attendees list", () => {
    assert.ok(DEFAULT_MD.startsWith(DEFAULT_FRONT_MATTER));
    assert.equal(DEFAULT_MD.split(DEFAULT_ATTENDEES).length, 2, 'the Attendees list once, after a blank line');
    const shared = SHARED_FRONT_MATTER + DEFAULT_MD.slice(DEFAULT_FRONT_MATTER.length).replace(DEFAULT_ATTENDEES, SHARED_ATTENDEES);
    assert.equal(Buffer.byteLength(shared, 'utf8'), SHARED_LENGTH);
    assert.equal(createHash('sha256').update(shared, 'utf8').digest('hex'), SHARED_SHA256);
  });
});
