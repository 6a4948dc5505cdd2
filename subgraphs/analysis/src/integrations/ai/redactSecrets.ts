/**
 * Blanks the given secrets out of a text, and shortens it. Used on messages from SDKs and providers
 * before they become part of our errors or logs (a provider may echo part of a key back).
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, maxLength = 300): string {
  let result = text;
  for (const secret of secrets) {
    if (typeof secret === 'string' && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  // Keys echoed back in part ("Incorrect API key provided: sk-abc***xyz") are still key material.
  result = result.replace(/\b(sk-|sk-ant-|AIza)[A-Za-z0-9_*.-]{4,}/g, '[redacted]');
  result = result.replace(/\s+/g, ' ').trim();
  return result.length > maxLength ? `${result.slice(0, maxLength - 1)}…` : result;
}
