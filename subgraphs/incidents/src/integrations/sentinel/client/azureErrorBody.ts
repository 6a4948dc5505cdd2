/** The `{error:{code,message}}` body ARM and resource providers send with failures. */
export interface AzureErrorInfo {
  code?: string;
  message?: string;
}

/** Reads code and message from an error body; tolerates non-JSON bodies and the flat `{code,message}` form. */
export function parseAzureErrorBody(text: string): AzureErrorInfo {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(parsed)) return {};
  const source = isRecord(parsed.error) ? parsed.error : parsed;
  const info: AzureErrorInfo = {};
  if (typeof source.code === 'string') info.code = source.code;
  if (typeof source.message === 'string') info.message = source.message;
  return info;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
