import { BRANDS, keywordInTokens, nameTokens, TOKEN_ONLY } from './brands';
import { isSameOrSubdomain, ownerLabel, registrableDomain, unicodeDomain } from './domains';

/**
 * Lookalike (cousin) domains: a sender or link domain built to be mistaken for the organisation's own
 * domain or a well-known brand. Each match names the technique so the verdict can say why.
 */
export type LookalikeTechnique = 'homoglyph' | 'digit-substitution' | 'character-substitution' | 'typo' | 'tld-swap' | 'combosquat' | 'brand-in-subdomain';

export interface LookalikeTarget {
  /** A domain the organisation or brand really owns. */
  domain: string;
  /** "your organisation", "Microsoft", ... */
  name: string;
  /** Words that identify the target (brand keywords); defaults to the domain's owner label. */
  keywords?: string[];
  /** Organisation domains also match when only the TLD differs (contoso.co for contoso.com). */
  kind: 'organisation' | 'brand';
}

export interface LookalikeMatch {
  domain: string;
  target: string;
  targetName: string;
  technique: LookalikeTechnique;
  /** Whether the imitated domain is the organisation's (or a correspondent's) or a public brand's. */
  kind: LookalikeTarget['kind'];
  detail: string;
}

/** Characters that render like Latin letters (Cyrillic, Greek, Latin extensions) → the letter. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i',
  ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g', ı: 'i', ł: 'l', ο: 'o', α: 'a', ρ: 'p', ν: 'v', τ: 't',
  ι: 'i', κ: 'k', χ: 'x', υ: 'u', ε: 'e', β: 'b', ѵ: 'v', ԍ: 'g', ɑ: 'a', ß: 'b',
};

const DIGITS: Record<string, string> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '$': 's', '@': 'a' };

/**
 * The "skeleton" of a label: what a reader sees. Diacritics dropped, confusable characters and digits
 * mapped to the letters they imitate, rn→m, vv→w, cl→d, and i/l/1 unified (they are the classic swap).
 */
export function skeleton(label: string): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split('')
    .map((char) => CONFUSABLES[char] ?? DIGITS[char] ?? char)
    .join('');
  return base.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd').replace(/[i1|]/g, 'l').replace(/-/g, '');
}

/** Damerau-Levenshtein distance (optimal string alignment): insert, delete, substitute, swap neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, ((d[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = value;
    }
  }
  return (d[a.length] as number[])[b.length] ?? 0;
}

/** Targets for a recipient organisation plus the brand list. */
export function lookalikeTargets(orgDomains: Iterable<string>): LookalikeTarget[] {
  const org = [...new Set([...orgDomains].map((domain) => registrableDomain(domain.toLowerCase())).filter(Boolean))].map(
    (domain): LookalikeTarget => ({ domain, name: 'your organisation', kind: 'organisation' }),
  );
  const brands = BRANDS.flatMap((brand) => brand.domains.map((domain): LookalikeTarget => ({ domain, name: brand.name, keywords: brand.keywords, kind: 'brand' })));
  return [...org, ...brands];
}

function describe(domain: string, target: LookalikeTarget, technique: LookalikeTechnique, extra: string): LookalikeMatch {
  return { domain, target: target.domain, targetName: target.name, technique, kind: target.kind, detail: `${domain} imitates ${target.domain} (${target.name}): ${extra}` };
}

/**
 * The first target `domain` imitates, or null. Domains the target really owns (and their subdomains)
 * never match; organisation targets are checked before brands.
 */
export function findLookalike(domain: string, targets: readonly LookalikeTarget[]): LookalikeMatch | null {
  const name = domain.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return null;
  if (targets.some((target) => isSameOrSubdomain(name, target.domain))) return null;
  // Owned by any listed brand (e.g. microsoftonline.com): not a lookalike of another target either.
  if (BRANDS.some((brand) => brand.domains.some((owned) => isSameOrSubdomain(name, owned)))) return null;
  const display = unicodeDomain(name);
  const label = ownerLabel(display);
  const labelSkeleton = skeleton(label);
  const nonAscii = /[^\x00-\x7f]/.test(label);

  for (const target of targets) {
    const targetLabel = ownerLabel(target.domain);
    if (targetLabel.length < 3) continue;
    if (label !== targetLabel && labelSkeleton === skeleton(targetLabel)) {
      const technique: LookalikeTechnique = nonAscii ? 'homoglyph' : /[0-9$@]/.test(label) ? 'digit-substitution' : 'character-substitution';
      const how = nonAscii ? `look-alike Unicode characters (${display})` : technique === 'digit-substitution' ? 'digits in place of letters' : 'letters swapped for look-alikes (rn/m, l/i, vv/w)';
      return describe(name, target, technique, how);
    }
  }
  for (const target of targets) {
    const targetLabel = ownerLabel(target.domain);
    if (targetLabel.length < 5 || label === targetLabel) continue;
    const distance = editDistance(label, targetLabel);
    const allowed = targetLabel.length >= 9 ? 2 : 1;
    if (distance <= allowed) return describe(name, target, 'typo', `${distance} character edit${distance === 1 ? '' : 's'} from "${targetLabel}"`);
  }
  for (const target of targets) {
    if (target.kind !== 'organisation') continue;
    const targetLabel = ownerLabel(target.domain);
    if (label === targetLabel && registrableDomain(name) !== target.domain) return describe(name, target, 'tld-swap', 'same name under a different top-level domain');
  }
  const tokens = nameTokens(label);
  const compact = tokens.join('');
  for (const target of targets) {
    const words = target.keywords ?? [ownerLabel(target.domain)];
    for (const word of words) {
      if (word.length < 3 || label === word) continue;
      if (keywordInTokens(word, tokens, compact)) {
        return describe(name, target, 'combosquat', `contains "${word}" with extra words, on a domain ${target.kind === 'organisation' ? 'the organisation' : target.name} does not own`);
      }
      // The same with look-alike characters (micros0ft-login): compare skeletons for distinctive words.
      if (word.length >= 6 && !TOKEN_ONLY.has(word) && labelSkeleton.includes(skeleton(word))) {
        return describe(name, target, 'combosquat', `contains a look-alike spelling of "${word}" with extra words, on a domain ${target.kind === 'organisation' ? 'the organisation' : target.name} does not own`);
      }
    }
  }
  const subLabels = display.split('.').slice(0, -registrableDomain(display).split('.').length);
  for (const target of targets) {
    const targetLabel = ownerLabel(target.domain);
    if (targetLabel.length < 4) continue;
    // Organisations legitimately appear as SaaS tenant subdomains (contoso.service-now.com, contoso.zoom.us):
    // only their full domain inside another one (contoso.com.login-check.xyz) is an imitation.
    const labelHit = target.kind === 'brand' && subLabels.includes(targetLabel);
    if (labelHit || display.includes(`${target.domain}.`)) {
      return describe(name, target, 'brand-in-subdomain', `"${targetLabel}" appears only as a subdomain of ${registrableDomain(display)}`);
    }
  }
  return null;
}
