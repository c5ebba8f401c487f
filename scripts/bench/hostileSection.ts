/**
 * The benchmark's "hostile shapes" section (issue #17, "Linear bounds"): each shape of
 * scripts/bench/hostile.mjs grown over 4 doubling sizes, one fresh process per measurement
 * (the best of 2 runs, the machine is shared), then the shape at the 64 MB read limit. Prints
 * per shape the sizes, times, peak RSS and the time ratio per doubling, with the verdicts:
 * ≤ 2.2× time per doubling; at 64 MB, refused with a message or peak RSS ≤ 400 MB.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOSTILE = join(fileURLToPath(new URL('.', import.meta.url)), 'hostile.mjs');
const MAX_RATIO = 2.2;
const MAX_RSS_MB = 400;
const READ_LIMIT_CHARS = 64 * 1024 * 1024;

/** Each shape's 4 sizes (in its units: hostile.mjs SHAPES), from its repro in the issue, and the characters one unit adds. */
export const HOSTILE_SIZES: Record<string, { sizes: number[]; unitChars: number }> = {
  'quote-depth': { sizes: [5000, 10_000, 20_000, 40_000], unitChars: 2 },
  'list-depth': { sizes: [5000, 10_000, 20_000, 40_000], unitChars: 2 },
  'emphasis-depth': { sizes: [2000, 4000, 8000, 16_000], unitChars: 2 },
  'link-depth': { sizes: [2000, 4000, 8000, 16_000], unitChars: 5 },
  'timeline-pipes': { sizes: [128 * 1024, 256 * 1024, 512 * 1024, 1024 * 1024], unitChars: 1 },
  'row-columns': { sizes: [12_500, 25_000, 50_000, 100_000], unitChars: 4 },
  'long-line': { sizes: [256 * 1024, 512 * 1024, 1024 * 1024, 2048 * 1024], unitChars: 2 },
  'blank-lines': { sizes: [640 * 1024, 1280 * 1024, 2560 * 1024, 5120 * 1024], unitChars: 1 },
  'rows-out-of-order': { sizes: [2500, 5000, 10_000, 20_000], unitChars: 40 },
  placeholders: { sizes: [5000, 10_000, 20_000, 40_000], unitChars: 7 },
  'evidence-paths': { sizes: [5000, 10_000, 20_000, 40_000], unitChars: 17 },
  'config-keys': { sizes: [5000, 10_000, 20_000, 40_000], unitChars: 14 },
};

interface Run {
  shape: string;
  size: number;
  chars: number;
  ms: number;
  peakRssMb: number;
  diagnostics: number;
  messages: string[];
}

function runChild(args: Record<string, unknown>, timeoutMs: number): Promise<Run | { failed: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', HOSTILE, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs); // only this child, by its handle
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Run);
      } catch {
        resolve({ failed: signal === 'SIGKILL' ? `killed after ${timeoutMs / 1000} s` : `exit ${code}: ${(err || out).trim().split('\n').slice(-2).join(' | ')}` });
      }
    });
  });
}

/** Builds the input in a process of its own (its construction is not the core's memory), then measures it. */
async function measured(args: Record<string, unknown>, timeoutMs: number, runs: 1 | 2): Promise<Run | { failed: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'incident-hostile-'));
  try {
    const file = join(dir, 'input.txt');
    const built = await runChild({ ...args, file, write: true }, timeoutMs);
    if ('failed' in built) return { failed: `building the input: ${built.failed}` };
    return runs === 2 ? await best({ ...args, file }, timeoutMs) : await runChild({ ...args, file }, timeoutMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function best(args: Record<string, unknown>, timeoutMs: number): Promise<Run | { failed: string }> {
  const first = await runChild(args, timeoutMs);
  if ('failed' in first) return first;
  const second = await runChild(args, timeoutMs);
  return 'failed' in second || second.ms >= first.ms ? first : second;
}

export interface HostileRow {
  what: 'hostile_shape';
  shape: string;
  sizes: number[];
  chars: (number | null)[];
  ms: (number | null)[];
  peak_rss_mb: (number | null)[];
  ratios: (number | null)[];
  verdict: 'met' | 'NOT MET';
  at_64mb: string;
  at_64mb_verdict: 'met' | 'NOT MET' | 'n/a';
  messages: string[];
}

/** Measures every shape (or those named) and returns the rows; `log` reports progress. */
export async function hostileSection(coreBundle: string, log: (message: string) => void, only?: readonly string[], timeoutMs = 120_000): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  for (const [shape, { sizes, unitChars }] of Object.entries(HOSTILE_SIZES)) {
    if (only && only.length > 0 && !only.includes(shape)) continue;
    const runs: (Run | { failed: string })[] = [];
    for (const size of sizes) {
      log(`hostile: ${shape} × ${size}...`);
      runs.push(await measured({ core: coreBundle, shape, size }, timeoutMs, 2));
    }
    const ok = (r: Run | { failed: string }): r is Run => !('failed' in r);
    const ms = runs.map((r) => (ok(r) ? Math.round(r.ms * 10) / 10 : null));
    // A doubling whose times are both under 50 ms is noise, not growth: counted as 1.
    const ratios = ms.slice(1).map((t, i) => (t === null || ms[i] === null ? null : Math.max(t, ms[i]!) < 50 ? 1 : Math.round((t / Math.max(ms[i]!, 1)) * 100) / 100));
    const verdict = ratios.every((r) => r !== null && r <= MAX_RATIO) ? 'met' : 'NOT MET';
    let at64 = 'n/a (a config file, not a document)';
    let at64Verdict: HostileRow['at_64mb_verdict'] = 'n/a';
    if (shape !== 'config-keys') {
      log(`hostile: ${shape} at the 64 MB read limit...`);
      const big = await measured({ core: coreBundle, shape, size: Math.ceil(READ_LIMIT_CHARS / unitChars) }, timeoutMs * 2, 1);
      if (ok(big)) {
        const refused = big.messages.find((m) => /are not analysed/.test(m) && /^1:1 input-limit/.test(m));
        at64 = `${(big.chars / 2 ** 20).toFixed(1)} M chars, ${Math.round(big.ms)} ms, peak RSS ${big.peakRssMb} MB${refused ? `, refused: ${refused.replace(/^1:1 input-limit: /, '')}` : ''}`;
        at64Verdict = refused || big.peakRssMb <= MAX_RSS_MB ? 'met' : 'NOT MET';
      } else {
        at64 = big.failed;
        at64Verdict = 'NOT MET';
      }
    }
    const last = runs[runs.length - 1];
    rows.push({ what: 'hostile_shape', shape, sizes, chars: runs.map((r) => (ok(r) ? r.chars : null)), ms, peak_rss_mb: runs.map((r) => (ok(r) ? r.peakRssMb : null)), ratios, verdict, at_64mb: at64, at_64mb_verdict: at64Verdict, messages: last && ok(last) ? last.messages : last ? [last.failed] : [] });
  }
  return rows;
}

/** The section as text: one line per shape, then the verdicts. */
export function formatHostile(rows: readonly HostileRow[]): string[] {
  const out = ['', `Hostile shapes (issue #17): time per doubling ≤ ${MAX_RATIO}×; at the 64 MB read limit refused with a message or peak RSS ≤ ${MAX_RSS_MB} MB`];
  const cells = rows.map((r) => [
    r.shape,
    r.sizes.join(' / '),
    r.ms.map((t) => (t === null ? 'failed' : t.toFixed(0))).join(' / '),
    r.ratios.map((x) => (x === null ? '?' : `${x.toFixed(2)}×`)).join(' '),
    r.peak_rss_mb.map((m) => (m === null ? '?' : m.toFixed(0))).join(' / '),
    r.verdict,
    r.at_64mb_verdict,
  ]);
  const header = ['shape', 'sizes (units)', 'ms', 'ratio per doubling', 'peak RSS MB', 'linear', '64 MB'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line));
  for (const r of rows) out.push(`  ${r.shape}: 64 MB: ${r.at_64mb}${r.messages[0] ? `; largest size: ${r.messages[0]}` : ''}`);
  return out;
}
