import * as assert from 'node:assert/strict';
import {
  checkEvidencePath,
  concreteEvidencePath,
  evidenceFolder,
  evidencePaths,
  evidenceSlotAt,
  evidenceStem,
  isInsideWorkspace,
  reportIncidentId,
} from '../../src/core/evidence';
import { parseReport } from '../../src/core/model/parseReport';
import { DEFAULT_TEMPLATE } from '../../src/core/template/defaultTemplate.generated';
import { buildTemplateModel, defaultTemplateModel } from '../../src/core/template/templateModel';
import { complete, mutate, spanRange } from './helpers';

const template = defaultTemplateModel(DEFAULT_TEMPLATE);

/** `L:C-L:C path [slot]` for every evidence path of a report. */
function paths(text: string): string[] {
  return evidencePaths(parseReport(text), template).map((p) => {
    const slot = p.slot ? `${p.slot.sectionKey}/${p.slot.subsection ?? ''}/${p.slot.field ?? ''}` : 'elsewhere';
    return `${spanRange(text, p.span)} ${p.path} [${slot}] ${p.name}${p.directory ? ' dir' : ''}`;
  });
}

describe('evidence paths', () => {
  describe('evidencePaths', () => {
    it('finds every slot path of the complete report with its slot and file stem', () => {
      assert.deepEqual(paths(complete()), [
        '151:1-151:56 evidence/INC-20261020-001/rollback_20261020T153100Z.txt [response mitigation/rollback performed/rollback evidence] rollback',
        '160:1-160:71 evidence/INC-20261020-001/metrics_before_incident_20261020T134500Z.txt [metrics evidence/before incident/] metrics_before_incident',
        '165:1-165:71 evidence/INC-20261020-001/metrics_during_incident_20261020T143000Z.txt [metrics evidence/during incident/] metrics_during_incident',
        '170:1-170:72 evidence/INC-20261020-001/metrics_after_mitigation_20261020T163000Z.txt [metrics evidence/after mitigation/] metrics_after_mitigation',
        '274:23-274:49 evidence/INC-20261020-001/ [related links//evidence files] incident dir',
      ]);
    });

    it('finds the template placeholders of a fresh report in the slots', () => {
      const found = evidencePaths(template.report, template).map((p) => `${p.path} ${p.name}`);
      assert.deepEqual(found, [
        'evidence/rollback_[timestamp].txt rollback',
        'evidence/metrics_before_incident_[timestamp].txt metrics_before_incident',
        'evidence/metrics_during_incident_[timestamp].txt metrics_during_incident',
        'evidence/metrics_after_mitigation_[timestamp].txt metrics_after_mitigation',
        'evidence/incident_[id]_*.txt incident',
      ]);
    });

    it('finds evidence/ paths in prose and inline code, trimming sentence punctuation', () => {
      const text = mutate(complete(), 'Read replicas were idle throughout.', 'Logs: evidence/INC-20261020-001/pool.log. Also `evidence/INC-20261020-001/pg.txt`, see (evidence/x/y.txt)!');
      const found = paths(text).filter((p) => p.includes('[elsewhere]'));
      assert.deepEqual(found, [
        '243:9-243:43 evidence/INC-20261020-001/pool.log [elsewhere] pool',
        '243:51-243:83 evidence/INC-20261020-001/pg.txt [elsewhere] pg',
        '243:91-243:107 evidence/x/y.txt [elsewhere] y',
      ]);
    });

    it('keeps a bracketed placeholder inside a prose path and drops an unbalanced ]', () => {
      const text = mutate(complete(), 'Read replicas were idle throughout.', 'See evidence/pool_[timestamp].txt and [evidence/a.txt] too.');
      const found = paths(text).filter((p) => p.includes('[elsewhere]'));
      assert.deepEqual(found, ['243:7-243:36 evidence/pool_[timestamp].txt [elsewhere] pool', '243:42-243:56 evidence/a.txt [elsewhere] a']);
    });

    it('ignores paths in an option that is not ticked, and URLs that merely contain evidence/', () => {
      const text = mutate(
        mutate(complete(), '- [ ] User report', '- [ ] User report in evidence/INC-20261020-001/ticket.txt'),
        'Read replicas were idle throughout.',
        'Dashboard https://grafana.internal/evidence/x.txt is not a path.',
      );
      assert.deepEqual(paths(text).filter((p) => p.includes('[elsewhere]')), []);
    });

    it('reads several paths, skips comments and n/a in a code slot, and strips quotes', () => {
      const text = mutate(
        complete(),
        'evidence/INC-20261020-001/rollback_20261020T153100Z.txt\n```',
        '# helm history output\n"evidence/INC-20261020-001/a.txt"\ncp /tmp/x evidence/INC-20261020-001/b.txt\nn/a\n```',
      );
      assert.deepEqual(paths(text).slice(0, 3), [
        '152:2-152:33 evidence/INC-20261020-001/a.txt [response mitigation/rollback performed/rollback evidence] rollback',
        '153:4-153:10 /tmp/x [response mitigation/rollback performed/rollback evidence] rollback',
        '153:11-153:42 evidence/INC-20261020-001/b.txt [response mitigation/rollback performed/rollback evidence] rollback',
      ]);
    });

    it('reads link targets and path-like words on the Evidence Files line', () => {
      const text = mutate(complete(), '**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** [pool](evidence/INC-20261020-001/pool.txt), `evidence/INC-20261020-001/`, archived');
      assert.deepEqual(paths(text).slice(-2), [
        '274:30-274:64 evidence/INC-20261020-001/pool.txt [related links//evidence files] incident dir',
        '274:68-274:94 evidence/INC-20261020-001/ [related links//evidence files] incident dir',
      ]);
    });

    it('reads a custom template slot and names files after its stem', () => {
      const custom = buildTemplateModel('# R\n\n**Incident ID:** INC-[YYYYMMDD]-[NNN]\n\n## Logs\n\n**Log Evidence:**\n```\nevidence/app_logs_[timestamp].log\n```\n');
      const report = '# R\n\n**Incident ID:** INC-20261020-001\n\n## Logs\n\n**Log Evidence:**\n```\nevidence/INC-20261020-001/app.log\n```\n';
      assert.deepEqual(evidencePaths(parseReport(report), custom).map((p) => `${p.path} ${p.name} ${p.slot?.field}`), ['evidence/INC-20261020-001/app.log app_logs log evidence']);
    });

    it('does not throw on broken input', () => {
      for (const text of ['', '\uFEFF', '## 📎 Related Links\n\n- **Evidence Files:**', '## 🚑 Response & Mitigation\n\n### Rollback Performed\n\n**Rollback Evidence:**\n```bash\nevidence/a.txt', complete().replace(/\n/g, '\r\n')]) {
        assert.doesNotThrow(() => evidencePaths(parseReport(text), template));
      }
    });
  });

  describe('evidenceSlotAt', () => {
    const at = (text: string, needle: string) => evidenceSlotAt(parseReport(text), template, text.indexOf(needle));

    it('finds the slot under the cursor, even an empty code block', () => {
      const text = mutate(complete(), '```bash\nevidence/INC-20261020-001/metrics_during_incident_20261020T143000Z.txt\n```', '```bash\n\n```');
      const empty = text.indexOf('### During Incident\n```bash\n') + '### During Incident\n```bash\n'.length;
      const found = evidenceSlotAt(parseReport(text), template, empty);
      assert.deepEqual(found && { name: found.name, directory: found.directory, subsection: found.slot.subsection }, { name: 'metrics_during_incident', directory: false, subsection: 'during incident' });
      assert.equal(at(complete(), 'rollback_20261020T153100Z')?.name, 'rollback');
      assert.equal(at(complete(), 'evidence/INC-20261020-001/\n')?.directory, true);
    });

    it('is undefined outside any slot', () => {
      assert.equal(at(complete(), 'helm rollback spark-trading-api 41'), undefined);
      assert.equal(at(complete(), '# Incident Report'), undefined);
    });
  });

  describe('isInsideWorkspace', () => {
    it('accepts workspace-relative paths', () => {
      for (const path of ['evidence/a.txt', './evidence/a.txt', 'evidence/INC-20261020-001/', 'evidence\\a.txt', 'evidence/a..b.txt']) {
        assert.equal(isInsideWorkspace(path), true, path);
      }
    });

    it('rejects absolute paths, drives, home, URLs and .. segments', () => {
      for (const path of ['/var/log/a.txt', '//server/share/a.txt', 'C:\\evidence\\a.txt', 'c:/evidence/a.txt', '~/evidence/a.txt', '../evidence/a.txt', 'evidence/../../etc/passwd', 'evidence\\..\\x', 'https://example.com/evidence/a.txt', 'file:///tmp/a']) {
        assert.equal(isInsideWorkspace(path), false, path);
      }
    });
  });

  describe('checkEvidencePath', () => {
    const check = (path: string) => checkEvidencePath(path, template.placeholders);

    it('says why a path is outside the workspace', () => {
      assert.deepEqual(check('../evidence/a.txt'), { kind: 'outside', reason: 'climbs out with ".."' });
      assert.deepEqual(check('/var/a.txt'), { kind: 'outside', reason: 'is an absolute path' });
      assert.deepEqual(check('C:\\a.txt'), { kind: 'outside', reason: 'is an absolute path' });
      assert.deepEqual(check('~/a.txt'), { kind: 'outside', reason: 'starts in a home directory (~)' });
      assert.deepEqual(check('https://x/a.txt'), { kind: 'outside', reason: 'is a URL' });
    });

    it('names the placeholder a path still holds', () => {
      assert.deepEqual(check('evidence/rollback_[timestamp].txt'), { kind: 'unfilled', placeholder: '[timestamp]' });
      assert.deepEqual(check('evidence/incident_[id]_*.txt'), { kind: 'unfilled', placeholder: '[id]' });
    });

    it('gives what to look up for files, folders and patterns', () => {
      assert.deepEqual(check('./evidence/a.txt'), { kind: 'filled', lookup: 'evidence/a.txt', file: true });
      assert.deepEqual(check('evidence\\INC-1\\a.txt'), { kind: 'filled', lookup: 'evidence/INC-1/a.txt', file: true });
      assert.deepEqual(check('evidence/INC-1/'), { kind: 'filled', lookup: 'evidence/INC-1/', file: false });
      assert.deepEqual(check('evidence/INC-1/*.txt'), { kind: 'filled', lookup: 'evidence/INC-1/', file: false });
      assert.deepEqual(check('*.txt'), { kind: 'filled', lookup: './', file: false });
    });
  });

  describe('naming', () => {
    it('builds the concrete path from ID, stem and now (UTC, compact)', () => {
      assert.equal(concreteEvidencePath('INC-20261126-001', 'rollback', new Date('2026-11-26T14:05:09.250Z')), 'evidence/INC-20261126-001/rollback_20261126T140509Z.txt');
      assert.equal(concreteEvidencePath('INC-20261126-001', 'pool logs/../x', new Date('2026-11-26T14:05:00Z')), 'evidence/INC-20261126-001/pool_logs_x_20261126T140500Z.txt');
      assert.equal(concreteEvidencePath('INC-20261126-001', '', new Date('2026-11-26T14:05:00Z')), 'evidence/INC-20261126-001/evidence_20261126T140500Z.txt');
      assert.equal(evidenceFolder('INC-20261126-001'), 'evidence/INC-20261126-001/');
    });

    it('takes the stem from a template or report path', () => {
      assert.equal(evidenceStem('evidence/rollback_[timestamp].txt', template.placeholders), 'rollback');
      assert.equal(evidenceStem('evidence/incident_[id]_*.txt', template.placeholders), 'incident');
      assert.equal(evidenceStem('evidence/INC-1/metrics_before_incident_20261020T134500Z.txt', template.placeholders), 'metrics_before_incident');
      assert.equal(evidenceStem('evidence/INC-1/', template.placeholders), 'INC-1');
    });

    it('reads the incident ID from the header, else from the file name', () => {
      assert.equal(reportIncidentId(parseReport(complete()), undefined), 'INC-20261020-001');
      const broken = parseReport(mutate(complete(), '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-[YYYYMMDD]-[NNN]'));
      assert.equal(reportIncidentId(broken, 'INC-20261020-002-checkout.md'), 'INC-20261020-002');
      assert.equal(reportIncidentId(broken, 'notes.md'), undefined);
      assert.equal(reportIncidentId(broken, undefined), undefined);
    });
  });
});
