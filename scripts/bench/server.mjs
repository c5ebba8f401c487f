// Keystroke-to-diagnostics through the language server, as an editor sees it: this process is
// the client (the extension host's place), the server runs in its own Node process over stdio.
// It opens one report, waits for its diagnostics, then types one character at a time at each
// edit point (incremental didChange) and times each until its diagnostics arrive. It also
// reports the longest block of this process's event loop (what the extension host pays:
// sending the text, receiving diagnostics) and the server's peak RSS.
// Usage: node server.mjs <dist/server.js> <report.md> '<{"timeline":{"at":N},"summary":{"at":N}}>' [runs]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const [serverPath, docPath, editsJson, runsArg] = process.argv.slice(2);
const edits = JSON.parse(editsJson);
const runs = Number(runsArg ?? 20);
const text0 = readFileSync(docPath, 'utf8');
const uri = pathToFileURL(docPath).href;

const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
let diagnosticsCount = 0;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri !== uri) return;
  diagnosticsCount = params.diagnostics.length;
  const resolve = waiting.get(params.version);
  if (resolve) {
    waiting.delete(params.version);
    resolve(performance.now());
  }
});
// No debounce: the time measured is the server's work and the transport, not a wait.
connection.onRequest('workspace/configuration', () => [{ validate: { debounceMs: 0, workspace: false } }]);
connection.onRequest('client/registerCapability', () => null);
connection.listen();

// The longest gap between 1 ms ticks of this process: what typing here would feel.
let last = performance.now();
let longestBlock = 0;
const ticker = setInterval(() => {
  const now = performance.now();
  longestBlock = Math.max(longestBlock, now - last - 1);
  last = now;
}, 1);

const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
const positionAt = (text, offset) => {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
};

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dirname(docPath)).href, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
  await connection.sendNotification('initialized', {});
  let version = 1;
  let text = text0;
  const t0 = performance.now();
  const opened = published(version);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  const openMs = (await opened) - t0;
  const openBlock = longestBlock;
  const keystrokes = {};
  for (const [where, { at }] of Object.entries(edits)) {
    const times = [];
    let cursor = at;
    for (let i = 0; i < runs; i++) {
      const position = positionAt(text, cursor);
      text = text.slice(0, cursor) + 'x' + text.slice(cursor);
      cursor++;
      version++;
      const done = published(version);
      const started = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'x' }] });
      times.push((await done) - started);
    }
    keystrokes[where] = { medianMs: median(times), maxMs: Math.max(...times), runs };
  }
  // Show Timeline's update after an edit: the panel asks for the chart of the current text
  // (incidentReport/timelineChart) once its debounce ends; timed from the edit sent to the
  // chart's data received, after the edit's diagnostics (the server is idle, as after the debounce).
  const chartTimes = [];
  let rows = 0;
  if (edits.timeline) {
    let cursor = edits.timeline.at;
    for (let i = 0; i < runs; i++) {
      const position = positionAt(text, cursor);
      text = text.slice(0, cursor) + 'y' + text.slice(cursor);
      cursor++;
      version++;
      const done = published(version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: 'y' }] });
      await done;
      const started = performance.now();
      const chart = await connection.sendRequest('incidentReport/timelineChart', { uri, gapMinutes: 30 });
      chartTimes.push(performance.now() - started);
      rows = chart?.rows?.length ?? 0;
    }
  }
  const chart = chartTimes.length ? { medianMs: median(chartTimes), maxMs: Math.max(...chartTimes), runs: chartTimes.length, rows } : undefined;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  clearInterval(ticker);
  process.stdout.write(`${JSON.stringify({ openMs, keystrokes, chart, clientMaxBlockMs: longestBlock, clientMaxBlockDuringOpenMs: openBlock, serverPeakRssMb: peakRssMb, diagnostics: diagnosticsCount })}\n`);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
} catch (error) {
  process.stdout.write(`${JSON.stringify({ error: String(error?.stack ?? error) })}\n`);
  process.exitCode = 1;
} finally {
  clearInterval(ticker);
  connection.dispose();
  child.kill();
}
