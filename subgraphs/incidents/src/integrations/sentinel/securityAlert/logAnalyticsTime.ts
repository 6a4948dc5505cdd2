/**
 * Log Analytics exports write datetimes as "2019-01-11 06:31:40" or "2023-03-10 04:58:00.613814+00:00"
 * (space instead of T, up to 7 fraction digits, zone optional and then UTC); the REST API writes ISO 8601.
 */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant a Log Analytics or ISO 8601 timestamp names, or null when the text is not one. */
export function parseLogAnalyticsTime(text: string): Date | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, day, time, fraction, zone] = match;
  // Date parsing is only specified for millisecond precision: cut longer fractions.
  const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const date = new Date(`${day}T${time}${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
