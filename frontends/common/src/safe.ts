/**
 * Incident data and model output are untrusted. Components render them as React text (escaped);
 * nothing from the API ever reaches dangerouslySetInnerHTML. The helpers here cover the two
 * remaining openings: links and text written into files.
 */

const SAFE_LINK_PROTOCOLS = new Set(['https:']);

/**
 * A URL from data that may become a clickable link: https only, no credentials in it. Anything
 * else (javascript:, data:, http:, relative paths, garbage) returns null and is shown as text.
 */
export function safeExternalUrl(value: string | null | undefined): string | null {
  if (!value || typeof value !== 'string') return null;
  const trimmed = value.trim();
  // Control characters and whitespace inside a URL are a classic filter bypass.
  if (/[\u0000-\u001f\u007f\s]/.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!SAFE_LINK_PROTOCOLS.has(url.protocol) || url.username || url.password) return null;
  return url.href;
}

/** Strips control characters that would garble a plain-text export (keeps tab and newline). */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Saves a Blob as a file through a temporary object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
