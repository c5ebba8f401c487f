/**
 * Deterministic generator of realistic incident reports for the benchmark: the shipped
 * template (through `core.newReport`) filled like a real post-mortem, with the parts that
 * grow in real reports (timeline rows, action items, metric rows, prose) scaled to a
 * target size. Same seed and size, same text.
 */
import { createIncidentCore, type IncidentCore } from '../../src/core/index';
import { wordsKey } from '../../src/core/text/normalize';

/** mulberry32: a small seeded PRNG returning [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PEOPLE = ['Priya Raman', 'Marco Silva', 'Dana Okafor', 'Lee Chen', 'Sam Novak', 'Aisha Karimi', 'Tomás Ferreira', 'Yuki Tanaka', 'Olga Petrova', 'Ben Adeyemi', 'Chloé Martin', 'Ravi Iyer'];
const SYSTEMS = ['Alertmanager', 'PagerDuty', 'CD pipeline', 'Statuspage', 'Grafana', 'Argo Rollouts', 'Kubernetes', 'Slack bot'];
const SERVICES = ['checkout', 'payments', 'search', 'auth', 'orders', 'inventory', 'ledger', 'notifications', 'pricing', 'gateway'];
const EVENTS = [
  'Checked pod logs for {svc}: connection pool timeouts on every replica',
  'Paged the database on-call for {svc}',
  'Opened bridge call and shared the Grafana dashboard for {svc}',
  'Error rate on {svc} at {n}% over 5 minutes',
  'P95 latency of {svc} reached {n}00 ms',
  'Compared rendered Helm values of releases {n} and {m}',
  'Scaled {svc} deployment from {n} to {m} replicas',
  'Status page updated: degraded performance on {svc}',
  'Customer support reports {n} tickets about {svc}',
  'Queue depth on {svc} consumers at {n}k messages',
  'Disabled feature flag `{svc}-batching` in production',
  'Increased `max_connections` on the {svc} replica to {m}0',
  'Drained node ip-10-0-{n}-{m} and rescheduled {svc} pods',
  'Cache hit ratio for {svc} dropped to {n}%',
  'Synthetic check for {svc} green in eu-west-1, red in us-east-1',
  'Restarted {n} stuck workers of {svc}',
  'Posted update in #spark-incidents: investigation continues on {svc}',
  'Captured heap dump of {svc} pod for later analysis',
];
const PROSE = [
  'Requests to the {svc} service queued behind a saturated connection pool, and clients retried with no backoff, which doubled the load within minutes.',
  'The dashboards showed healthy CPU and memory throughout, so the first hour went into ruling out the network path between the {svc} pods and the database.',
  'Traffic in staging is about {n}% of production, which is too low to exhaust a pool of this size, so the change passed every pre-production check.',
  'The alert on the {svc} error rate fired as designed, but the runbook it links to describes the previous architecture and sent responders to the wrong service.',
  'Once the rendered values of the two releases were compared side by side, the changed pool size stood out immediately and the team agreed on the next step.',
  'Customers in the EU region were affected first because their peak starts earlier; the US region followed {n} minutes later as traffic shifted.',
  'The retry policy of the mobile client has no jitter, so every failed request came back at the same instant and kept the queue full for {svc}.',
  'Read replicas stayed idle for the whole incident because the {svc} service pins checkout reads to the primary to avoid stale inventory counts.',
];
const METRICS = ['API P95', 'API P99', 'Error Rate', 'DB Connections', 'Memory Usage', 'CPU Usage', 'Queue Depth', 'Cache Hit Ratio', 'Requests per second'];
const ACTIONS = ['Alert on {svc} pool saturation above 80%', 'Show rendered Helm diff for {svc} in PR checks', 'Load test {svc} in staging weekly', 'Add jittered backoff to the {svc} client', 'Update the {svc} runbook with pool exhaustion', 'Add a schema check for {svc} pool sizes', 'Review read routing of {svc} to replicas', 'Dashboard panel for {svc} connection wait time'];
const LESSONS = ['The {svc} alert fired within minutes of the deploy.', 'Rollback of {svc} took under five minutes once started.', 'No alert on {svc} connection pool saturation.', 'Rendered values of {svc} are not shown in review.', 'Status page updates for {svc} went out every 20 minutes.'];

export interface GenerateOptions {
  /** Seed of the PRNG (default 1). */
  readonly seed?: number;
  /** Scale unit: 0 is a small but complete report; each unit adds ~6 timeline rows, 2 action items, 1 metric row and some prose. */
  readonly units: number;
  readonly id?: { date: string; seq: number };
  readonly status?: string;
  readonly severity?: 'critical' | 'major' | 'minor';
  readonly title?: string;
  /**
   * An early draft, as while the incident runs: the Summary and the Timeline filled, the
   * rest still the template's placeholders (Status Investigating unless given).
   */
  readonly draft?: boolean;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** Reports are validated with today = 2026-11-26: generated ones are signed off before this day. */
const LATEST = '2026-11-20';

/** One report; `core` defaults to the shipped template's core. */
export function generateReport(options: GenerateOptions, core: IncidentCore = createIncidentCore()): string {
  const rnd = prng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const fill = (s: string): string => s.replace(/\{svc\}/g, () => pick(SERVICES)).replace(/\{n\}/g, () => String(int(2, 98))).replace(/\{m\}/g, () => String(int(10, 99)));
  const units = Math.max(0, Math.floor(options.units));
  const rowCount = Math.max(8, 6 * units);
  const steps = Array.from({ length: rowCount }, (_, i) => (i === 0 ? 0 : pick([0, 1, 1, 2, 3, 5])));
  const span = steps.reduce((a, b) => a + b, 0);
  const startHour = int(0, 20);
  const startMinute = int(0, 59);
  // A long timeline starts early enough to be resolved (and signed off) before LATEST.
  const latest = Date.parse(`${LATEST}T00:00:00Z`);
  const spanDays = Math.ceil((startHour * 60 + startMinute + span) / 1440) + 2;
  const date = options.id?.date ?? new Date(Math.min(Date.parse('2026-10-20T00:00:00Z'), latest - spanDays * 86400000)).toISOString().slice(0, 10);
  const seq = options.id?.seq ?? 1;
  const now = new Date(`${date}T${pad(startHour)}:${pad(startMinute)}:00Z`);
  const title = options.title ?? 'Checkout API outage after connection pool change';
  const created = core.newReport({ title, severity: options.severity ?? 'critical', now, existingIds: [], skip: seq - 1 });
  const id = created.id;
  const status = options.status ?? (options.draft ? 'Investigating' : 'Resolved');
  const owner = pick(PEOPLE);

  // Timeline: increasing times; `YYYY-MM-DD HH:MM` once it crosses midnight.
  const rows: string[] = [];
  let minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  const dayStart = Date.parse(`${date}T00:00:00Z`);
  const stamp = (): string => {
    const day = Math.floor(minutes / 1440);
    const hhmm = `${pad(Math.floor((minutes % 1440) / 60))}:${pad(minutes % 60)}`;
    return day === 0 ? hhmm : `${new Date(dayStart + day * 86400000).toISOString().slice(0, 10)} ${hhmm}`;
  };
  const milestones = new Map<number, [string, string]>([
    [0, ['Incident detected: checkout error rate alert fired', 'Alertmanager']],
    [1, ['On-call notified', 'PagerDuty']],
    [2, ['Investigation started', pick(PEOPLE)]],
    [Math.floor(rowCount * 0.6), ['Root cause identified: pool size 5 in release values', pick(PEOPLE)]],
    [Math.floor(rowCount * 0.7), ['Mitigation started: rollback to the previous release', pick(PEOPLE)]],
    [rowCount - 2, ['Service restored: error rate back under 0.5%', pick(PEOPLE)]],
    [rowCount - 1, ['Incident resolved after 30 minutes of clean metrics', owner]],
  ]);
  let detected = 0;
  for (let i = 0; i < rowCount; i++) {
    minutes += steps[i]!;
    if (i === 0) detected = minutes;
    const [event, actor] = milestones.get(i) ?? [fill(pick(EVENTS)), rnd() < 0.3 ? pick(SYSTEMS) : pick(PEOPLE)];
    rows.push(`| ${stamp()} | ${event} | ${actor} |`);
  }
  const total = minutes - detected;
  const duration = total >= 1440 ? `${Math.floor(total / 1440)}d ${Math.floor((total % 1440) / 60)}h${total % 60 ? ` ${total % 60}m` : ''}` : `${Math.floor(total / 60)}h ${total % 60}m`;
  const resolvedDay = new Date(dayStart + Math.floor(minutes / 1440) * 86400000);
  const signOff = new Date(resolvedDay.getTime() + 2 * 86400000).toISOString().slice(0, 10);

  const paragraphs = (count: number): string => Array.from({ length: count }, () => Array.from({ length: int(2, 4) }, () => fill(pick(PROSE))).join(' ')).join('\n\n');
  const actionCount = Math.max(3, 2 * units);
  const actions = Array.from({ length: actionCount }, (_, i) => {
    const done = i % 3 === 0;
    const due = done ? `2026-${pad(int(10, 11))}-${pad(int(1, 25))}` : `2027-${pad(int(1, 12))}-${pad(int(1, 28))}`;
    return `| ${fill(pick(ACTIONS))} | ${pick(PEOPLE)} | ${due} | ${done ? '✅ Done' : i % 3 === 1 ? '🟡 In Progress' : '⬜ Not Started'} |`;
  });
  const metricRows = Array.from({ length: Math.max(4, units) }, (_, i) => {
    const name = i < METRICS.length ? METRICS[i]! : `${pick(METRICS)} (${pick(SERVICES)}-${i})`;
    const percent = /Rate|Usage|Ratio/.test(name);
    const v = (): string => (percent ? `${int(0, 99)}.${pad(int(0, 99))}%` : /P9/.test(name) ? `${int(1, 2)},${int(100, 999)}ms` : `${int(10, 900)}`);
    return `| ${name} | ${v()} | ${v()} | ${v()} |`;
  });
  const ev = `evidence/${id}`;

  const bodies: Record<string, string> = {
    summary: `**What happened:**
A configuration change lowered the API's PostgreSQL connection pool from 50 to 5 per pod. Under the afternoon peak, checkout requests queued for connections and timed out.

${paragraphs(Math.ceil(units / 6))}

**Impact:**
38% of checkout requests failed; about 4,100 orders could not be placed.

**Duration:**
${duration}

**Root Cause:**
A typo in a Helm value (\`pool_size: 5\` instead of \`50\`) passed review and staging, where traffic is too low to exhaust the pool.`,
    'timeline utc': `| Time | Event | Actor |
|------|-------|-------|
${rows.join('\n')}`,
    detection: `**How was it detected:**
- [x] Automated alert
- [ ] User report
- [x] Monitoring dashboard
- [ ] Other: _______________

**Alert/Metric:**
\`\`\`
sum(rate(http_requests_total{service="checkout",code=~"5.."}[5m])) / sum(rate(http_requests_total{service="checkout"}[5m])) > 0.05
\`\`\`

**Detection Time:**
14 minutes from the deploy to the alert.`,
    'impact assessment': `**Affected Services:**
- [x] API (spark-trading-api)
- [x] Web (spark-trading-web)
- [ ] Database (PostgreSQL)
- [ ] Cache (Redis)
- [ ] External integrations
- [ ] Other: _______________

**Affected Users:**
About 12,300 users saw at least one failed checkout (9% of active users in the window).

**Business Impact:**
- Lost transactions: 4,100
- Revenue impact: about 212,000 USD in delayed orders
- SLA breach: Yes
- User complaints: 86

**Metrics:**
\`\`\`bash
# Error rate during incident
38%

# Latency during incident
P95: 2,340ms

# Downtime
155 minutes
\`\`\``,
    'root cause analysis': `### Contributing Factors

1. **Primary Cause:**
   The release values set \`database.pool_size: 5\`; each pod could hold only five connections.

2. **Contributing Factors:**
${Array.from({ length: Math.max(3, Math.ceil(units / 4)) }, () => `   - ${fill(pick(PROSE))}`).join('\n')}

### Technical Details

\`\`\`
- database.pool_size: 50
+ database.pool_size: 5
\`\`\`

### Why It Happened

${paragraphs(Math.max(1, Math.ceil(units / 4)))}`,
    'response mitigation': `### Actions Taken

1. **Investigation:**
   \`\`\`bash
   kubectl -n checkout logs deploy/spark-trading-api | grep "pool timeout" | head
   \`\`\`

2. **Mitigation:**
   \`\`\`bash
   helm rollback spark-trading-api 41 -n checkout
   \`\`\`

3. **Verification:**
   \`\`\`bash
   curl -s https://api.internal/healthz
   \`\`\`

### Rollback Performed

- [x] Yes → Version: 2026.10.20-2
- [ ] No → Reason: _______________

**Rollback Evidence:**
\`\`\`bash
${ev}/rollback_20261020T153100Z.txt
\`\`\``,
    'metrics evidence': `### Before Incident
\`\`\`bash
${ev}/metrics_before_incident_20261020T134500Z.txt
\`\`\`

### During Incident
\`\`\`bash
${ev}/metrics_during_incident_20261020T143000Z.txt
\`\`\`

### After Mitigation
\`\`\`bash
${ev}/metrics_after_mitigation_20261020T163000Z.txt
\`\`\`

### Key Metric Changes

| Metric | Before | During | After |
|--------|--------|--------|-------|
${metricRows.join('\n')}`,
    resolution: `**Final Fix:**
Restored \`database.pool_size: 50\` and added a schema check that rejects pool sizes under 20 in production values.

**Fix Verification:**
\`\`\`bash
helm template charts/spark-trading-api -f values/prod.yaml | conftest test -
\`\`\`

**Deployment:**
- Fix version: 2026.10.21-1
- Deployed at: 2026-10-21T09:15:00Z
- Verification: ✅ PASS`,
    prevention: `### Immediate Actions (< 24h)

- [x] Add monitoring/alert for this specific issue
- [x] Update runbook with this scenario
- [ ] Add test coverage
- [ ] Update documentation

### Short-term Actions (< 1 week)

- [x] Implement automated detection
- [ ] Add chaos test scenario
- [ ] Improve error handling
- [ ] Code review process improvement

### Long-term Actions (< 1 month)

- [ ] Architecture review
- [x] Capacity planning
- [ ] Training/knowledge sharing
- [ ] Tool/infrastructure improvements`,
    'lessons learned': `### What Went Well

${Array.from({ length: Math.max(3, Math.ceil(units / 3)) }, () => `- ✅ ${fill(pick(LESSONS))}`).join('\n')}

### What Could Be Improved

${Array.from({ length: Math.max(3, Math.ceil(units / 3)) }, () => `- ⚠️ ${fill(pick(LESSONS))}`).join('\n')}

### Surprises

- The retry storm from the web client doubled the load on the pool.
- Read replicas were idle throughout.`,
    'action items': `| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
${actions.join('\n')}`,
    'people involved': `**On-call Engineer:** ${owner}  
**Incident Commander:** ${pick(PEOPLE)}  
**Contributors:**
- ${pick(PEOPLE)}
- ${pick(PEOPLE)}`,
    'related links': `- **Slack Thread:** #spark-incidents/p1697810520
- **PagerDuty Incident:** [Q3KX9ZP](https://spark.pagerduty.com/incidents/Q3KX9ZP)
- **GitHub Issue:** [spark-trading-api#4830](https://github.com/spark-eng/spark-trading-api/issues/4830)
- **Grafana Dashboard:** [Checkout overview](https://grafana.internal/d/checkout)
- **Evidence Files:** ${ev}/`,
    'post mortem': `**Date:** ${signOff}  
**Attendees:**

- ${pick(PEOPLE)}
- ${pick(PEOPLE)}

**Recording:** [Post-mortem recording](https://drive.internal/pm/${id})  
**Notes:** [Meeting notes](https://docs.internal/pm/${id})`,
    'slo impact': `**Error Budget Consumption:**
- Before incident: 22.5%
- After incident: 71.0%
- Budget consumed: 48.5%

**SLA Breach:**
- [x] Yes → Customer compensation: service credits for 3 enterprise accounts
- [ ] No`,
    'sign off': `**Incident Closed By:** ${owner}  
**Date:** ${signOff}  
**Final Status:** ✅ Resolved

**Follow-up Required:**
- [x] Yes → Follow-up issue: [spark-trading-api#4831](https://github.com/spark-eng/spark-trading-api/issues/4831)
- [ ] No`,
  };

  // Replace each `## ` section's body (up to its closing `---`) with the filled one.
  let text = created.text
    .replace(/^Owner: ""$/m, `Owner: ${owner} (Payments SRE)`)
    .replace(/^Status: Open$/m, `Status: ${status}`)
    .replace(/^LastUpdated: .*$/m, `LastUpdated: ${signOff}`);
  const parts = text.split(/^(?=## )/m);
  text = parts
    .map((part) => {
      if (!part.startsWith('## ')) return part;
      const newline = part.indexOf('\n');
      const heading = part.slice(0, newline);
      const key = wordsKey(heading.slice(3));
      if (options.draft && key !== 'summary' && key !== 'timeline utc') return part;
      const body = bodies[key];
      if (body === undefined) return part;
      const rule = part.lastIndexOf('\n---\n');
      const tail = rule >= 0 ? part.slice(rule) : '\n';
      return `${heading}\n\n${body}\n${tail}`;
    })
    .join('');
  return text;
}

/** The report whose UTF-8 size is closest to `bytes` from below-or-near (scale found by bisection). */
export function generateOfSize(bytes: number, seed = 1, core: IncidentCore = createIncidentCore()): string {
  const size = (units: number): number => Buffer.byteLength(generateReport({ units, seed }, core));
  let lo = 0;
  let hi = 1;
  while (size(hi) < bytes) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (size(mid) <= bytes) lo = mid;
    else hi = mid;
  }
  const best = Math.abs(size(lo) - bytes) <= Math.abs(size(hi) - bytes) ? lo : hi;
  return generateReport({ units: best, seed }, core);
}

/**
 * A repository's worth of reports (the Incidents view's and the CLI's benchmarks, the CLI's
 * tests): about 30% early drafts (Open, Investigating or Mitigated), the rest final
 * reports (Resolved or Closed), of 0-2 scale units each (5-8 KB), dated over 2025-2026,
 * named `NNNN-INC-YYYYMMDD.md`. Same count and seed, same files.
 */
export function* generateCorpus(count: number, core: IncidentCore = createIncidentCore(), seed = 2026): Generator<{ name: string; text: string }> {
  const rnd = prng(seed);
  const statuses = ['Open', 'Investigating', 'Mitigated', 'Resolved', 'Closed'];
  const severities = ['critical', 'major', 'minor'] as const;
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(rnd() * 690) * 86400000).toISOString().slice(0, 10);
    const draft = rnd() < 0.3;
    const text = generateReport({ seed: i + 1, units: Math.floor(rnd() * 3), draft, status: draft ? statuses[Math.floor(rnd() * 3)] : statuses[3 + Math.floor(rnd() * 2)], severity: severities[Math.floor(rnd() * 3)], id: { date: day, seq: 1 + Math.floor(rnd() * 3) }, title: `Incident ${i}` }, core);
    yield { name: `${String(i).padStart(4, '0')}-INC-${day.replace(/-/g, '')}.md`, text };
  }
}
