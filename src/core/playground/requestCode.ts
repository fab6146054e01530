/**
 * "View code": a playground column's request as a program to run outside the editor — TypeScript with the openai
 * SDK, Python with the openai package, or curl — streaming like the playground does and sent to exactly the URL the
 * extension uses (see code/target.ts). The input holds no key, and the code reads the key from an environment
 * variable it names at the top. User text appears only inside string literals (code/literals.ts).
 */

import type { Connection } from '../connections/connection';
import type { ReplyRequest } from '../connections/streamReply';
import { curlCode } from './code/curl';
import { commentText, type JsonValue } from './code/literals';
import { pythonCode } from './code/python';
import { requestTarget } from './code/target';
import { typescriptCode } from './code/typescript';

export type CodeLanguage = 'typescript' | 'python' | 'curl';

export interface RequestCodeInput {
  request: ReplyRequest;
  connection: Connection;
}

/** Throws, with a message naming the connection, when its base URL is not valid. */
export function requestCode(input: RequestCodeInput, language: CodeLanguage): string {
  const { request, connection } = input;
  const target = requestTarget(connection, request.mode, request.params.model);
  // The body exactly as the SDK sends it (JSON.stringify drops undefined fields), asking for a stream.
  const body = JSON.parse(JSON.stringify({ ...request.params, stream: true })) as { [key: string]: JsonValue };
  const header = [
    commentText(`The playground’s ${request.mode} request to ${target.description}, streamed.`),
    `${target.key.hint}: the key is read from the environment and never written here.`,
  ];
  switch (language) {
    case 'typescript':
      return typescriptCode(
        [...header, 'Needs the openai package (npm install openai); run it with e.g. npx tsx.'],
        target,
        request.mode,
        body,
      );
    case 'python':
      return pythonCode([...header, 'Needs the openai package (pip install openai).'], target, request.mode, body);
    case 'curl':
      return curlCode(header, target, body);
  }
}
