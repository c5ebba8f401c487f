/** VS Code for the Web has no git to ask: the incidentReport.owner setting alone names the user. */
export async function userNameFromGit(): Promise<string | undefined> {
  return undefined;
}
