import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAMES, RULE_IDS, WORKSPACE_TEMPLATE_PATH, parseConfigText, validateConfig, type Config } from '../core';

/** A usage or input problem: printed, exit code 2. */
export class UsageError extends Error {}

export interface Workspace {
  readonly root: string;
  readonly config: Config;
  readonly configPath: string | undefined;
  readonly templateText: string | undefined;
  readonly templatePath: string | undefined;
}

/** Loads the config (`--config`, else the root's `.incident-report.*`) and the team template. */
export function loadWorkspace(root: string, configFlag: string | undefined): Workspace {
  const rootDir = resolve(root);
  if (!existsSync(rootDir) || !statSync(rootDir).isDirectory()) throw new UsageError(`--root ${root}: not a directory`);
  const configPath = configFlag ? resolve(configFlag) : CONFIG_FILE_NAMES.map((name) => join(rootDir, name)).find((p) => existsSync(p));
  let config: Config = {};
  if (configPath) {
    const text = readText(configPath, 'config file');
    const parsed = parseConfigText(text, configPath);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const result = validateConfig(parsed.data, RULE_IDS, configPath);
    if (!result.ok) throw new UsageError(result.errors.join('\n'));
    config = result.config;
  }
  const templateRelative = config.template ?? (existsSync(join(rootDir, WORKSPACE_TEMPLATE_PATH)) ? WORKSPACE_TEMPLATE_PATH : undefined);
  const templatePath = templateRelative ? join(rootDir, templateRelative) : undefined;
  const templateText = templatePath ? readText(templatePath, 'template') : undefined;
  return { root: rootDir, config, configPath, templateText, templatePath };
}

export function readText(path: string, what: string): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`${path}: cannot read ${what}: ${reason}`);
  }
}

/**
 * Whether a workspace-relative path exists, refusing anything that resolves outside the
 * root (through `..`, an absolute path or a symbolic link).
 */
export function pathExistsInside(root: string, relativePath: string): boolean | undefined {
  if (isAbsolute(relativePath) || relativePath.split(/[\\/]/).includes('..')) return undefined;
  const full = resolve(root, relativePath);
  if (!existsSync(full)) return false;
  try {
    const real = realpathSync(full);
    const realRoot = realpathSync(root);
    const rel = relative(realRoot, real);
    return !(rel.startsWith('..') || isAbsolute(rel) || rel.split(sep)[0] === '..');
  } catch {
    return false;
  }
}
