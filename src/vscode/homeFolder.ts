import { homedir } from 'node:os';

/** The user's home folder (desktop), where an untitled report proposes to be saved. */
export function homeFolder(): string | undefined {
  try {
    return homedir() || undefined;
  } catch {
    return undefined;
  }
}
