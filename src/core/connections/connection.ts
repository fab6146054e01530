/** The connection model: a named server the playground, the jobs view and batch runs talk to. */

import { normalizeBaseUrl } from './baseUrl';

export type ConnectionKind = 'openai' | 'azure' | 'compatible';

export interface Connection {
  /** Stable id; keys are stored in SecretStorage under it. */
  id: string;
  name: string;
  kind: ConnectionKind;
  /** OpenAI and compatible servers: the API base URL; Azure: the resource endpoint. Normalised by `normalizeBaseUrl`. */
  baseUrl: string;
  /** OpenAI only: sent as `OpenAI-Organization`. */
  organization?: string;
  /** OpenAI only: sent as `OpenAI-Project`. */
  project?: string;
  azure?: {
    /** A dated API version (e.g. `2024-10-21`) → the `AzureOpenAI` client; absent → the v1 API at `<endpoint>/openai/v1` through `OpenAI`. */
    apiVersion?: string;
  };
  /** Compatible servers: which preset the connection was made from (for its label and default URL). */
  preset?: CompatiblePresetId;
}

export type CompatiblePresetId = 'ollama' | 'lmstudio' | 'vllm' | 'llamacpp';

export interface CompatiblePreset {
  id: CompatiblePresetId;
  label: string;
  defaultBaseUrl: string;
}

/** Local OpenAI-compatible servers and the URL each listens on out of the box. */
export const COMPATIBLE_PRESETS: readonly CompatiblePreset[] = [
  { id: 'ollama', label: 'Ollama', defaultBaseUrl: 'http://localhost:11434/v1' },
  { id: 'lmstudio', label: 'LM Studio', defaultBaseUrl: 'http://localhost:1234/v1' },
  { id: 'vllm', label: 'vLLM', defaultBaseUrl: 'http://localhost:8000/v1' },
  { id: 'llamacpp', label: 'llama.cpp server', defaultBaseUrl: 'http://localhost:8080/v1' },
];

export function findPreset(id: string): CompatiblePreset | undefined {
  return COMPATIBLE_PRESETS.find((preset) => preset.id === id);
}

export interface ConnectionProblem {
  field: 'id' | 'name' | 'kind' | 'baseUrl' | 'organization' | 'project' | 'azure' | 'preset';
  message: string;
}

const KINDS: readonly string[] = ['openai', 'azure', 'compatible'];
/** Azure's dated API versions: `2024-10-21`, `2025-04-01-preview`. */
const AZURE_API_VERSION = /^\d{4}-\d{2}-\d{2}(-preview)?$/;

/**
 * Checks a connection (e.g. one read from settings, where anything can be written) and lists every problem in
 * words a user can act on; an empty list means valid. The base URL must already be in its normalised form, so
 * what is stored is exactly what requests go to.
 */
export function validateConnection(value: unknown): ConnectionProblem[] {
  if (typeof value !== 'object' || value === null) return [{ field: 'id', message: 'A connection must be an object.' }];
  const connection = value as Record<string, unknown>;
  const problems: ConnectionProblem[] = [];
  const optionalText = (field: 'organization' | 'project') => {
    const text = connection[field];
    if (text !== undefined && (typeof text !== 'string' || text.trim() === ''))
      problems.push({ field, message: `The ${field} must be text when it is set.` });
  };
  if (typeof connection.id !== 'string' || connection.id.trim() === '')
    problems.push({ field: 'id', message: 'The connection has no id.' });
  if (typeof connection.name !== 'string' || connection.name.trim() === '')
    problems.push({ field: 'name', message: 'Give the connection a name.' });
  const kind = connection.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    problems.push({ field: 'kind', message: 'The kind must be “openai”, “azure” or “compatible”.' });
    return problems;
  }
  const typedKind = kind as ConnectionKind;
  if (typeof connection.baseUrl !== 'string') {
    problems.push({ field: 'baseUrl', message: 'The connection has no base URL.' });
  } else {
    const normalized = normalizeBaseUrl(connection.baseUrl, typedKind);
    if (!normalized.ok) problems.push({ field: 'baseUrl', message: normalized.message });
    else if (normalized.url !== connection.baseUrl)
      problems.push({ field: 'baseUrl', message: `The base URL should be written as ${normalized.url}.` });
  }
  optionalText('organization');
  optionalText('project');
  if (typedKind !== 'openai' && (connection.organization !== undefined || connection.project !== undefined))
    problems.push({ field: 'organization', message: 'Organization and project apply to OpenAI connections only.' });
  if (connection.azure !== undefined) {
    if (typedKind !== 'azure') {
      problems.push({ field: 'azure', message: 'Azure settings apply to Azure OpenAI connections only.' });
    } else if (typeof connection.azure !== 'object' || connection.azure === null) {
      problems.push({ field: 'azure', message: 'The Azure settings must be an object.' });
    } else {
      const apiVersion = (connection.azure as Record<string, unknown>).apiVersion;
      if (apiVersion !== undefined && (typeof apiVersion !== 'string' || !AZURE_API_VERSION.test(apiVersion)))
        problems.push({
          field: 'azure',
          message:
            'The Azure API version must be a date like 2024-10-21 (or 2025-04-01-preview); leave it empty for the v1 API.',
        });
    }
  }
  if (connection.preset !== undefined) {
    if (typedKind !== 'compatible')
      problems.push({ field: 'preset', message: 'Presets apply to OpenAI-compatible servers only.' });
    else if (typeof connection.preset !== 'string' || findPreset(connection.preset) === undefined)
      problems.push({
        field: 'preset',
        message: `Unknown preset; use one of ${COMPATIBLE_PRESETS.map((preset) => preset.id).join(', ')}.`,
      });
  }
  return problems;
}
