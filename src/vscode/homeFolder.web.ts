/** VS Code for the Web has no home folder to name: an untitled report proposes its file name alone. */
export function homeFolder(): string | undefined {
  return undefined;
}
