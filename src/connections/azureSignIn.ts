import * as vscode from 'vscode';

/** The scope Azure OpenAI accepts Microsoft Entra tokens for. */
const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

/**
 * Keyless Azure OpenAI: a token function for the SDK (`azureADTokenProvider` / `apiKey`), called before each
 * request. VS Code's Microsoft authentication provider caches and refreshes the session; the first call asks the
 * user to sign in. (Not covered by the tests: it needs a Microsoft account.)
 */
export function azureTokenFunction(): () => Promise<string> {
  return async () => {
    const session = await vscode.authentication.getSession('microsoft', [COGNITIVE_SERVICES_SCOPE], {
      createIfNone: true,
    });
    return session.accessToken;
  };
}
