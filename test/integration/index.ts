// The in-host test entry (CommonJS after the build): the same run() contract that
// @vscode/test-electron uses, so the suite runs under code-server here and under a
// downloaded VS Code where one can be had (`npm run test:desktop`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000, grep: process.env['MOCHA_GREP'] || undefined });
  for (const rel of (fs.readdirSync(__dirname, { recursive: true }) as string[]).sort()) {
    if (String(rel).endsWith('.test.js')) mocha.addFile(path.join(__dirname, String(rel)));
  }
  const report = (passed: number, failed: number): void => console.log(`[vscode-test-result] ${JSON.stringify({ passed, failed })}`);
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner | undefined;
    try {
      runner = mocha.run((failures) => {
        report(runner?.stats?.passes ?? 0, failures);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      console.error(error instanceof Error ? error.stack : String(error));
      report(0, 1);
      reject(error);
    }
  });
}
