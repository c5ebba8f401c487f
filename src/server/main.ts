/**
 * `incident-report-language-server --stdio` (or `--node-ipc`, as the VS Code client starts
 * it): the server in a Node process, reading files through the Node file system unless the
 * client offers its own.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeWorkspace } from './nodeWorkspace';
import { createIncidentServer } from './server';

declare const __VERSION__: string;

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
  process.exit(0);
}
if (args.includes('--help') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe') || a.startsWith('--clientProcessId'))) {
  process.stderr.write('Usage: incident-report-language-server --stdio\n  The incident-report language server (LSP over standard input and output).\n');
  process.exit(args.includes('--help') ? 0 : 2);
}

const connection = createConnection(ProposedFeatures.all);
createIncidentServer(connection, { workspace: new NodeWorkspace() });
connection.listen();
