/** Small string helpers shared by the local analyst. Output text must fit the zod limits of agentOutputs. */

/** Collapses whitespace and control characters (incident text is untrusted and may carry any of them). */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One line, at most `max` characters; cut text ends with an ellipsis so a reader knows it was cut. */
export function clip(value: string, max: number): string {
  const line = oneLine(value);
  if (line.length <= max) return line;
  return `${line.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** Like clip but keeps line breaks (chat answers, multi-line summaries). */
export function clipBlock(value: string, max: number): string {
  const text = value.replace(/[\u0000-\u0009\u000b-\u001f\u007f]+/g, ' ').replace(/[ \t]+\n/g, '\n').trim();
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** A short quotation of untrusted text, clipped and wrapped in quotes so it reads as data, not as our words. */
export function quote(value: string, max = 120): string {
  return `"${clip(value.replace(/"/g, "'"), max)}"`;
}

/** Items in first-seen order without repeats, compared by key. */
export function uniqueBy<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export function unique(items: Iterable<string>): string[] {
  return uniqueBy(items, (item) => item);
}

/** "a, b and c", with "and N more" beyond `max` items. */
export function listText(items: string[], max = 5): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** Rounds to a fixed number of decimals, so outputs compare equal across runs and platforms. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Stable sort (Array.prototype.sort is stable in ES2019+, but copy so callers keep their order). */
export function sortedBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  return [...items].sort(compare);
}

/** Ends the text with a full stop unless it already ends with punctuation (or an ellipsis from clipping). */
export function sentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…:]["')\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
