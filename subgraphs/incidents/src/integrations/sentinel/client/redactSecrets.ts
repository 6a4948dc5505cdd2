/**
 * Returns a function that blanks the given secrets (and their URL-encoded form, as they appear in
 * form bodies) out of a text. Used on messages from libraries we do not control before they become
 * part of our errors or logs.
 */
export function redactSecrets(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const needles = [
    ...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).flatMap((s) => [s, encodeURIComponent(s)])),
  ].sort((a, b) => b.length - a.length);
  return (text) => needles.reduce((result, needle) => result.split(needle).join('[redacted]'), text);
}
