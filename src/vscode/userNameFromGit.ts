import { execFile } from 'node:child_process';

/** `git config user.name` (desktop); undefined when git or the setting is missing. Nothing of the workspace is executed. */
export function userNameFromGit(cwd: string | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile('git', ['config', 'user.name'], { cwd, timeout: 3000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    } catch {
      resolve(undefined);
    }
  });
}
