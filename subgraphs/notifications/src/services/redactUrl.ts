/**
 * A webhook URL as shown to people who may not see it whole: Slack and Teams incoming-webhook
 * URLs are credentials (anyone holding one can post), so only the origin is kept.
 */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    const hidden = url.pathname.length > 1 || url.search ? '/…' : '';
    return `${url.origin}${hidden}`;
  } catch {
    return '(invalid URL)';
  }
}
