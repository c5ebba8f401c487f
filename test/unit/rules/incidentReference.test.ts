import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { snapshot, complete, mutate, rangeOf, FIXTURE_FILE_NAME, NOW } from '../helpers';

const core = createIncidentCore();
/** The workspace of these tests holds the fixture's report and INC-20261003-002. */
const KNOWN = new Set(['INC-20261020-001', 'INC-20261003-002']);
const references = (text: string, options: { incidentExists?: ((id: string) => boolean | undefined) | undefined; fileName?: string; mode?: 'draft' | 'final' } = {}) =>
  core
    .lint(text, { now: NOW, fileName: options.fileName, mode: options.mode, incidentExists: 'incidentExists' in options ? options.incidentExists : (id) => KNOWN.has(id) })
    .diagnostics.filter((d) => d.ruleId === 'incident-reference');
const cite = (ids: string) => mutate(complete(), '- Read replicas were idle throughout.', `- Read replicas were idle throughout (as in ${ids}).`);

describe('incident-reference', () => {
  it('reports an ID no report of the workspace has, at its exact range, as a warning in draft and final', () => {
    const text = cite('INC-20261003-002 and INC-20261019-003');
    const found = references(text, { mode: 'draft' });
    assert.deepEqual(found.map((d) => `${snapshot(d)} (${d.severity})`), [
      `${rangeOf(text, 'INC-20261019-003')} incident-reference: INC-20261019-003 names no report of this workspace; expected the ID of an existing report (check its date and number). (warning)`,
    ]);
    assert.deepEqual(references(text, { mode: 'final' }).map((d) => d.severity), ['warning']);
  });

  it('accepts the IDs of the workspace and the report\'s own ID (field, file name, evidence paths)', () => {
    assert.deepEqual(references(cite('INC-20261003-002')), []);
    // Its own ID is never "another report", even when the index does not know it yet (a new report).
    assert.deepEqual(references(complete(), { incidentExists: () => false }), []);
    const noField = mutate(complete(), '**Incident ID:** INC-20261020-001', '**Incident ID:**');
    assert.deepEqual(references(noField, { incidentExists: () => false, fileName: FIXTURE_FILE_NAME }), []);
  });

  it('says nothing without a workspace index or when the answer is unknown', () => {
    const text = cite('INC-20261019-003');
    assert.deepEqual(references(text, { incidentExists: undefined }), []);
    assert.deepEqual(references(text, { incidentExists: () => undefined }), []);
  });
});
