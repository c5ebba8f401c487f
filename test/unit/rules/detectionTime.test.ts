import * as assert from 'node:assert/strict';
import { detectionTimeRule } from '../../../src/core/rules/detectionTime';
import { emptyFieldRule } from '../../../src/core/rules/emptyField';
import { applyFix, complete, lint, lintWith, mutate, rangeOf, snapshot } from '../helpers';

const rule = detectionTimeRule;
const DETECTION = '**Detection Time:**\n14 minutes from the deploy to the alert.\n';
const withDetection = (value: string, text = complete()) => mutate(text, DETECTION, `**Detection Time:**\n${value}\n`);
const RUN = 'from "Helm release 2026.10.20-3 deployed" at 13:48 to "Incident detected: checkout error rate alert fired" at 14:02';
const mismatch = (stated: string, minutes: number) => `detection-time: Detection Time is ${stated} (${minutes} minutes) but the timeline runs 14m (14 minutes) ${RUN}; expected 14m.`;

describe('detection-time', () => {
  it('is silent on the complete report: 14 minutes from the deploy (13:48) to the alert (14:02)', () => {
    assert.deepEqual(lintWith(complete(), { rules: [rule] }), []);
    for (const value of ['14m', 'about 15 minutes', '13 min, deploy to alert', 'PT14M']) assert.deepEqual(lintWith(withDetection(value), { rules: [rule] }), [], value);
  });

  it('reports a Detection Time that differs, on its value line, a warning in final mode too', () => {
    const text = withDetection('20 minutes from the deploy to the alert.');
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [`${rangeOf(text, '20 minutes from the deploy to the alert.')} ${mismatch('20 minutes', 20)}`]);
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['warning']);
  });

  it('offers the timeline\'s value in the writer\'s units, keeping the words around it; never for Fix All', () => {
    const text = withDetection('20 minutes from the deploy to the alert.');
    const [diagnostic] = lint(text, { rules: [rule] }).diagnostics;
    const fix = diagnostic!.fixes[0]!;
    assert.equal(fix.title, "Write the timeline's detection time: 14 minutes");
    assert.notEqual(fix.safe, true);
    assert.equal(applyFix(text, fix), complete());
  });

  it('leaves words that hold no duration alone, in final mode too (detection is often told, not timed)', () => {
    const text = withDetection('At the first customer report; the impact started at the same time.');
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
    assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), []);
  });

  it('is silent when the timeline opens with the detected row (no impact start to measure from)', () => {
    const text = mutate(withDetection('20 minutes'), '| 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline |\n', '');
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
  });
});

describe('empty Duration and Detection Time: the timeline\'s value offered', () => {
  it('offers "Write the timeline\'s duration" on an empty Duration, writing it on the label line', () => {
    const text = mutate(complete(), '**Duration:**\n2h 35m\n', '**Duration:**\n<!-- Total incident duration -->\n');
    const [empty] = lint(text, { rules: [emptyFieldRule] }).diagnostics.filter((d) => d.message.startsWith('"Duration" is empty'));
    assert.ok(empty);
    assert.deepEqual(empty.fixes.map((f) => [f.title, f.safe === true]), [["Write the timeline's duration: 2h 35m", false]]);
    const fixed = applyFix(text, empty.fixes[0]!);
    assert.ok(fixed.includes('**Duration:** 2h 35m\n<!-- Total incident duration -->\n'));
    assert.deepEqual(lint(fixed, { rules: [emptyFieldRule] }).diagnostics.filter((d) => d.message.includes('"Duration"')), []);
  });

  it('offers the time to detect on an empty Detection Time; other empty fields get no such fix', () => {
    const text = withDetection('<!-- Time from incident start to detection -->');
    const diagnostics = lint(text, { rules: [emptyFieldRule] }).diagnostics;
    const detection = diagnostics.find((d) => d.message.startsWith('"Detection Time" is empty'))!;
    assert.deepEqual(detection.fixes.map((f) => f.title), ["Write the timeline's detection time: 14m"]);
    assert.ok(applyFix(text, detection.fixes[0]!).includes('**Detection Time:** 14m\n'));
    const impact = mutate(text, '**Affected Users:**\n', '**Affected Users:**\n<!-- x -->\n');
    assert.ok(lint(impact, { rules: [emptyFieldRule] }).diagnostics.filter((d) => !/Duration|Detection Time/.test(d.message)).every((d) => d.fixes.length === 0));
  });

  it('offers nothing when the timeline cannot give the value', () => {
    const text = mutate(withDetection('<!-- Time from incident start to detection -->'), '| 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline |\n', '');
    const detection = lint(text, { rules: [emptyFieldRule] }).diagnostics.find((d) => d.message.startsWith('"Detection Time" is empty'))!;
    assert.deepEqual(detection.fixes, []);
  });
});
