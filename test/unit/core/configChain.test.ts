import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_EXTENDS_DEPTH,
  RULE_IDS,
  configForPath,
  configJsonSchema,
  configKeyRange,
  isExcludedPath,
  loadConfigChain,
  parseExtends,
  validateConfigKeys,
  type Config,
  type ConfigHost,
} from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';

/** Config files in memory, by path; `extends` resolved as the CLI does, inside `/ws` only. */
function memoryHost(files: Record<string, string>): ConfigHost {
  const dir = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const normalize = (path: string) => {
    const out: string[] = [];
    for (const part of path.split('/')) {
      if (part === '..') out.pop();
      else if (part !== '.' && part !== '') out.push(part);
    }
    return `/${out.join('/')}`;
  };
  return {
    read: async (location) => (location in files ? { text: files[location]! } : { error: 'no such file' }),
    locate: async (from, target) => {
      const path = target.kind === 'relative' ? normalize(`${dir(from)}/${target.path}`) : `/ws/node_modules/${target.path}`;
      if (!path.startsWith('/ws/')) return { error: 'it leads outside the workspace /ws' };
      return path in files ? { location: path } : { error: `${path}: no such file` };
    },
    display: (location) => location.replace('/ws/', ''),
  };
}

describe('config: key by key', () => {
  it('an invalid key is left out alone and the rest applies', () => {
    const { config, problems } = validateConfigKeys({ rules: { placeholdr: 'off', 'section-order': 'loud', 'blameless-language': 'off' }, mode: 'final', owner: 3, colour: 'red' }, RULE_IDS, 'c.json');
    assert.deepEqual(config, { rules: { 'blameless-language': 'off' }, mode: 'final' });
    assert.deepEqual(
      problems.map((p) => [p.path.join('.'), p.message.replace(/known rules: .*/, 'known rules: …')]),
      [
        ['colour', 'c.json: the top level has unknown key "colour"; allowed: extends, rules, mode, template, incidentsDir, owner, fileName, overrides, exclude, milestones, idPattern, severityLevels, columns'],
        ['rules.placeholdr', 'c.json: "rules.placeholdr" is not a rule; known rules: …'],
        ['rules.section-order', 'c.json: "rules.section-order" must be one of "off", "error", "warning", "info", "hint" or {"draft": level, "final": level}'],
        ['owner', 'c.json: "owner" must be a string'],
      ],
    );
  });

  it('columns: names per table and role, each checked on its own key', () => {
    const valid = { columns: { timeline: { time: 'Zeit', event: ['Ereignis', 'Was'] }, actionItems: { owner: 'Verantwortlich' } } };
    assert.deepEqual(validateConfigKeys(valid, RULE_IDS), { config: valid, problems: [] });
    const bad = (columns: unknown) => validateConfigKeys({ columns, mode: 'final' }, RULE_IDS, 'c.json');
    assert.deepEqual(bad({ timeline: { tim: 'x' } }).problems.map((p) => [p.path.join('.'), p.message]), [['columns.timeline', 'c.json: "columns.timeline" has unknown key "tim"; allowed: time, event, actor']]);
    assert.deepEqual(bad({ timelines: {} }).problems.map((p) => p.message), ['c.json: "columns" has unknown key "timelines"; allowed: timeline, actionItems']);
    assert.deepEqual(bad({ actionItems: { due: 3 } }).problems.map((p) => p.message), ['c.json: "columns.actionItems.due" must be a column header ("Zeit") or a list of them']);
    assert.deepEqual(bad({ timeline: { time: [] } }).problems.map((p) => p.message), ['c.json: "columns.timeline.time" must be a non-empty list of column headers']);
    assert.deepEqual(bad('Zeit').problems.map((p) => p.message), ['c.json: "columns" must be an object']);
    // The rest of the file applies.
    assert.deepEqual(bad({ timeline: { tim: 'x' } }).config, { mode: 'final' });
  });

  it('a valid file has no problems; overrides are checked entry by entry, an entry without globs dropped whole', () => {
    assert.deepEqual(validateConfigKeys({ extends: './base.json', rules: { placeholder: 'off' } }, RULE_IDS).problems, []);
    const { config, problems } = validateConfigKeys(
      {
        overrides: [
          { files: ['archive/**'], rules: { placeholder: 'off', nope: 'off' }, mode: 'drafty' },
          { files: [], rules: { placeholder: 'error' } },
          { files: ['incidents/2026/**'], mode: 'final', colour: 1 },
          'x',
        ],
      },
      RULE_IDS,
      'c.json',
    );
    assert.deepEqual(config.overrides, [
      { files: ['archive/**'], rules: { placeholder: 'off' } },
      { files: ['incidents/2026/**'], mode: 'final' },
    ]);
    assert.deepEqual(
      problems.map((p) => p.path.join('.')),
      ['overrides.0.rules.nope', 'overrides.0.mode', 'overrides.1.files', 'overrides.2.colour', 'overrides.3'],
    );
    assert.equal(problems[1]!.message, 'c.json: "overrides.0.mode" must be one of "auto", "draft", "final"');
    assert.equal(problems[2]!.message, 'c.json: "overrides.1.files" must be a non-empty list of globs (e.g. ["incidents/2026/**"]); this override is ignored');
    assert.equal(problems[3]!.message, 'c.json: "overrides.2" has unknown key "colour"; allowed: files, rules, mode');
  });
});

describe('config: extends', () => {
  it('names a relative data file or a package file; absolute paths, URLs and code are refused', () => {
    assert.deepEqual(parseExtends('./base.json'), { kind: 'relative', path: './base.json' });
    assert.deepEqual(parseExtends('../shared/base.yaml'), { kind: 'relative', path: '../shared/base.yaml' });
    assert.deepEqual(parseExtends('@team/sre-config/incident.json'), { kind: 'package', path: '@team/sre-config/incident.json' });
    assert.deepEqual(parseExtends('sre-config/incident.yml'), { kind: 'package', path: 'sre-config/incident.yml' });
    assert.match((parseExtends('https://example.com/c.json') as { error: string }).error, /not a path inside the workspace.*nothing is fetched/);
    assert.match((parseExtends('/etc/c.json') as { error: string }).error, /not a path inside the workspace/);
    assert.match((parseExtends('./config.js') as { error: string }).error, /only data files are extended, never code/);
    assert.match((parseExtends('base.json') as { error: string }).error, /names no file of a package: write "package\/file.json", or "\.\/base\.json"/);
    assert.match((parseExtends('@team/x.json') as { error: string }).error, /names no file of a package/);
  });

  it('merges a chain base first: the extending file wins key by key and rule by rule; overrides add up', async () => {
    const host = memoryHost({
      '/ws/.incident-report.json': JSON.stringify({ extends: ['./team.json'], rules: { placeholder: 'error' }, overrides: [{ files: ['b/**'], mode: 'draft' }] }),
      '/ws/team.json': JSON.stringify({ extends: 'sre/base.yaml', owner: 'Team', rules: { placeholder: 'off', 'section-order': 'off' }, overrides: [{ files: ['a/**'], mode: 'final' }] }),
      '/ws/node_modules/sre/base.yaml': 'owner: SRE\nmode: final\nrules:\n  blameless-language: "off"\n',
    });
    const chain = await loadConfigChain('/ws/.incident-report.json', RULE_IDS, host);
    assert.deepEqual(chain.problems, []);
    assert.deepEqual(chain.files, ['/ws/.incident-report.json', '/ws/team.json', '/ws/node_modules/sre/base.yaml']);
    assert.deepEqual(chain.config, {
      owner: 'Team',
      mode: 'final',
      rules: { 'blameless-language': 'off', placeholder: 'error', 'section-order': 'off' },
      overrides: [
        { files: ['a/**'], mode: 'final' },
        { files: ['b/**'], mode: 'draft' },
      ],
    });
  });

  it('a cycle, a chain too deep, a path outside the root or a missing file is an error on "extends"; the rest applies', async () => {
    const cycle = await loadConfigChain(
      '/ws/a.json',
      RULE_IDS,
      memoryHost({ '/ws/a.json': '{"extends": "./b.json", "owner": "A"}', '/ws/b.json': '{"extends": "./a.json", "mode": "final"}' }),
    );
    assert.deepEqual(cycle.config, { owner: 'A', mode: 'final', rules: {} });
    assert.deepEqual(cycle.problems, [{ location: '/ws/b.json', path: ['extends'], severity: 'error', message: 'b.json: "extends" "./a.json" makes a cycle: a.json → b.json → a.json' }]);

    const files: Record<string, string> = {};
    for (let i = 0; i < MAX_EXTENDS_DEPTH + 2; i++) files[`/ws/c${i}.json`] = JSON.stringify({ extends: `./c${i + 1}.json` });
    const deep = await loadConfigChain('/ws/c0.json', RULE_IDS, memoryHost(files));
    assert.equal(deep.problems.length, 1);
    assert.equal(deep.problems[0]!.location, `/ws/c${MAX_EXTENDS_DEPTH - 1}.json`);
    assert.match(deep.problems[0]!.message, new RegExp(`"extends" "\\./c${MAX_EXTENDS_DEPTH}\\.json" goes deeper than ${MAX_EXTENDS_DEPTH} files: c0\\.json → c1\\.json → `));

    const outside = await loadConfigChain('/ws/.incident-report.json', RULE_IDS, memoryHost({ '/ws/.incident-report.json': '{"extends": ["../etc/c.json", "./gone.json"], "owner": "O"}' }));
    assert.deepEqual(outside.config, { owner: 'O', rules: {} });
    assert.deepEqual(
      outside.problems.map((p) => [p.path.join('.'), p.message]),
      [
        ['extends.0', '.incident-report.json: "extends" "../etc/c.json": it leads outside the workspace /ws'],
        ['extends.1', '.incident-report.json: "extends" "./gone.json": /ws/gone.json: no such file'],
      ],
    );
  });

  it('a base that does not parse is an error naming it; an invalid key in a base is a warning', async () => {
    const chain = await loadConfigChain(
      '/ws/.incident-report.json',
      RULE_IDS,
      memoryHost({ '/ws/.incident-report.json': '{"extends": ["./bad.json", "./typo.json"]}', '/ws/bad.json': '{"rules": ', '/ws/typo.json': '{"mode": "finale", "owner": "T"}' }),
    );
    assert.deepEqual(chain.config, { owner: 'T', rules: {} });
    assert.deepEqual(
      chain.problems.map((p) => [p.location, p.severity, p.message.replace(/: Unexpected.*|: Expected.*/, ': …')]),
      [
        ['/ws/bad.json', 'error', 'bad.json: not valid JSON: …'],
        ['/ws/typo.json', 'warning', 'typo.json: "mode" must be one of "auto", "draft", "final"; this key is ignored'],
      ],
    );
  });
});

describe('config: overrides', () => {
  const config: Config = {
    mode: 'auto',
    rules: { placeholder: 'info' },
    overrides: [
      { files: ['incidents/2026/**'], rules: { placeholder: 'error' }, mode: 'final' },
      { files: ['archive/**', '*.draft.md'], rules: { placeholder: 'off', 'section-order': 'off' } },
    ],
  };

  it('apply in order to the paths they match (relative to the config file), rules rule by rule, mode replaced', () => {
    assert.deepEqual(configForPath(config, 'incidents/2026/INC-20260101-001-a.md'), { mode: 'final', rules: { placeholder: 'error' } });
    assert.deepEqual(configForPath(config, 'archive/old/INC-20200101-001-a.md'), { mode: 'auto', rules: { placeholder: 'off', 'section-order': 'off' } });
    // A glob without "/" matches the file name in any folder; both overrides match, the later wins.
    assert.deepEqual(configForPath(config, 'incidents/2026/x.draft.md'), { mode: 'final', rules: { placeholder: 'off', 'section-order': 'off' } });
  });

  it('leave a path they do not match as the base config, overrides removed', () => {
    assert.deepEqual(configForPath(config, 'incidents/2025/INC-20251231-001-a.md'), { mode: 'auto', rules: { placeholder: 'info' } });
    assert.deepEqual(configForPath(config, 'incidents/20266/a.md'), { mode: 'auto', rules: { placeholder: 'info' } });
  });
});

describe('config: where a key is in the file', () => {
  it('finds the key of a JSON or YAML config, else its nearest parent; nothing in a file that does not parse', () => {
    const json = '{\n  "rules": {\n    "placeholdr": "off"\n  },\n  "overrides": [{ "files": ["a/**"], "mode": "x" }]\n}\n';
    const at = (text: string, path: (string | number)[]) => {
      const span = configKeyRange(text, path);
      return span && text.slice(span.start, span.end);
    };
    assert.equal(at(json, ['rules', 'placeholdr']), '"placeholdr"');
    assert.equal(configKeyRange(json, ['rules', 'placeholdr'])!.start, json.indexOf('"placeholdr"'));
    assert.equal(at(json, ['overrides', 0, 'mode']), '"mode"');
    assert.equal(at(json, ['rules', 'missing']), '"rules"');
    assert.equal(at('mode: finale\nowner: x\n', ['mode']), 'mode');
    assert.equal(configKeyRange('{"rules": ', ['rules']), undefined);
  });
});

describe('config: the JSON schema', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'schemas', 'incident-report.schema.json'), 'utf8')) as {
    properties: Record<string, { properties?: Record<string, unknown>; propertyNames?: { enum: string[] }; additionalProperties?: unknown; items?: { properties: Record<string, { propertyNames: { enum: string[] } }> } }>;
    definitions: Record<string, unknown>;
  };

  it('lists exactly the registered rule ids under "rules" and under each override\'s "rules"', () => {
    assert.deepEqual(schema.properties['rules']!.propertyNames!.enum, [...RULE_IDS]);
    assert.deepEqual(Object.keys(schema.properties['rules']!.properties!), [...RULE_IDS]);
    assert.equal(schema.properties['rules']!.additionalProperties, false);
    assert.deepEqual(schema.properties['overrides']!.items!.properties['rules']!.propertyNames.enum, [...RULE_IDS]);
  });

  it('describes each rule with its registry description and one shared setting definition', () => {
    const generated = configJsonSchema(RULES) as typeof schema;
    for (const rule of RULES) assert.deepEqual(generated.properties['rules']!.properties![rule.id], { description: rule.description, allOf: [{ $ref: '#/definitions/ruleSetting' }] });
    assert.deepEqual(Object.keys(generated.definitions), ['ruleSetting']);
  });
});

describe('isExcludedPath: files a folder walk or glob never lints', () => {
  it('README files in any case and folder; the config\'s exclude globs from its folder (a glob without "/" in any folder)', () => {
    const config: Config = { exclude: ['archive/**', 'draft-*.md'] };
    const excluded = ['README.md', 'incidents/readme.md', 'docs/ReadMe.MD', 'archive/2019/INC-1.md', 'incidents/draft-db.md'];
    const kept = ['incidents/INC-20261126-001.md', 'incidents/readme-notes.md', 'incidents/archive.md', 'incidents/archive/INC-1.md', 'redraft-db.md'];
    assert.deepEqual(excluded.filter((p) => isExcludedPath(config, p)), excluded);
    assert.deepEqual(kept.filter((p) => isExcludedPath(config, p)), []);
    assert.equal(isExcludedPath({}, 'archive/2019/INC-1.md'), false, 'no exclude: only README files');
  });
});
