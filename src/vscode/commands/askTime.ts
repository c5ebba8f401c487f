import * as vscode from 'vscode';

/**
 * When something happened, in UTC: an input box prefilled with now (`YYYY-MM-DD HH:MM`),
 * editable for backfilling. Undefined when the user cancels.
 */
export async function askUtcTime(title: string): Promise<Date | undefined> {
  const now = new Date().toISOString();
  const value = await vscode.window.showInputBox({
    title,
    prompt: 'When did it happen (UTC)? Change it to backfill.',
    value: `${now.slice(0, 10)} ${now.slice(11, 16)}`,
    ignoreFocusOut: true,
    validateInput: (text) => (parseUtc(text) ? undefined : 'Expected YYYY-MM-DD HH:MM (UTC).'),
  });
  return value === undefined ? undefined : parseUtc(value);
}

/** `YYYY-MM-DD HH:MM` (or ISO 8601) read as UTC. */
export function parseUtc(value: string): Date | undefined {
  const match = /^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2})?Z?\s*$/.exec(value);
  if (!match) return undefined;
  const date = new Date(`${match[1]}T${match[2]}:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
