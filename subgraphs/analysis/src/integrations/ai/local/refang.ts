/**
 * Undoes the usual "defanging" analysts and threat reports apply to indicators so that nobody clicks
 * them: hxxp://evil[.]com, user[@]example(.)com, 198.51.100[.]7, https[:]//... The result is only used
 * for extraction; the analyst never fetches anything.
 */
const REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  // Schemes: hxxp, hXXps, hxxp[s], fxp, meow-style variants are rare enough to ignore.
  [/\bh(?:xx|XX|xX|Xx|\*\*)p(s?)(?=\[?:|\[:\]|:)/g, 'http$1'],
  [/\bh(?:xx|XX|xX|Xx)p\[s\]/g, 'https'],
  [/\bfxp(?=:|\[:\])/gi, 'ftp'],
  // Separators wrapped in brackets, parentheses or braces, with optional inner spaces.
  [/\s?[[({]\s*(?:\.|dot|DOT|Dot)\s*[\])}]\s?/g, '.'],
  [/\s?[[({]\s*(?:@|at|AT|At)\s*[\])}]\s?/g, '@'],
  [/[[({]\s*:\s*[\])}]/g, ':'],
  [/[[({]\s*:\/\/\s*[\])}]/g, '://'],
  [/[[({]\s*\/\s*[\])}]/g, '/'],
  // A backslash before a dot (evil\.com) is another common form.
  [/(?<=\w)\\\.(?=\w)/g, '.'],
];

export function refang(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out;
}

/** True when the text contains any defanged form, so callers can note it in the IOC context. */
export function isDefanged(text: string): boolean {
  return refang(text) !== text;
}
