/** The pure connections core: what the VS Code side, the playground and batch runs import. */

export { azureV1BaseUrl, endpointUrl, normalizeBaseUrl, OPENAI_BASE_URL, type NormalizedUrl } from './baseUrl';
export {
  buildChatRequest,
  buildCompletionPrompt,
  buildCompletionRequest,
  DEFAULT_COMPLETION_PARAMETERS,
  DEFAULT_COMPLETION_TEMPLATE,
  type ChatRequestInput,
  type CompletionRequestInput,
  type SamplingParameters,
  type Turn,
} from './buildRequest';
export {
  COMPATIBLE_PRESETS,
  findPreset,
  validateConnection,
  type CompatiblePreset,
  type CompatiblePresetId,
  type Connection,
  type ConnectionKind,
  type ConnectionProblem,
} from './connection';
export {
  createClient,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type ClientLog,
  type ClientOptions,
  type Credentials,
} from './createClient';
export { describeError, errorStatus, type ErrorContext } from './describeError';
export { redactSecrets } from './redactSecrets';
export { requestUrl, type RequestPath } from './requestUrl';
export {
  emptyQuirks,
  findRejectedParameter,
  omitParameters,
  OPTIONAL_PARAMETERS,
  parseQuirks,
  type OptionalParameter,
  type ServerQuirks,
} from './serverQuirks';
export {
  DEFAULT_STALL_TIMEOUT_MS,
  ReplyError,
  streamReply,
  type ReplyEvent,
  type ReplyOptions,
  type ReplyRequest,
} from './streamReply';
export { listModels, testConnection, type ConnectionTestResult } from './testConnection';
