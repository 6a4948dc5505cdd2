/**
 * IP address validation and scope. Only public addresses are external indicators; the others are
 * still listed (they place an internal host in the story) but marked as internal or reserved.
 */
export type IpScope =
  | 'public'
  | 'documentation'
  | 'private'
  | 'shared'
  | 'loopback'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved';

export interface IpInfo {
  version: 4 | 6;
  /** Canonical text: dotted quad without leading zeros, or RFC 5952 compressed lower-case IPv6. */
  address: string;
  scope: IpScope;
  /** Why the scope was chosen, e.g. "RFC 1918 private range 10.0.0.0/8". */
  note: string;
}

/**
 * Addresses an analyst would block or look up. Documentation ranges (RFC 5737, RFC 3849) count as
 * external: they never route on the internet, so when they appear in incident data they stand in for
 * internet hosts (vendor examples, demo data, redacted reports).
 */
export const isExternalScope = (scope: IpScope): boolean => scope === 'public' || scope === 'documentation';

/** Parses a dotted-quad IPv4 address; rejects octets above 255 and leading zeros (ambiguous octal). */
export function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return null;
    const value = Number(part);
    if (value > 255) return null;
    octets.push(value);
  }
  return octets;
}

/** Parses IPv6 text (with :: compression and an optional embedded IPv4 tail) into eight 16-bit groups. */
export function parseIpv6(text: string): number[] | null {
  let value = text.toLowerCase();
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  if (value.length < 2 || !/^[0-9a-f:.]+$/.test(value)) return null;
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const parseGroups = (part: string, allowIpv4Tail: boolean): number[] | null => {
    if (part === '') return [];
    const pieces = part.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i += 1) {
      const piece = pieces[i] ?? '';
      if (piece.includes('.')) {
        if (!allowIpv4Tail || i !== pieces.length - 1) return null;
        const v4 = parseIpv4(piece);
        if (!v4) return null;
        groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-f]{1,4}$/.test(piece)) return null;
      groups.push(parseInt(piece, 16));
    }
    return groups;
  };
  if (halves.length === 1) {
    const groups = parseGroups(value, true);
    return groups && groups.length === 8 ? groups : null;
  }
  const head = parseGroups(halves[0] ?? '', false);
  const tail = parseGroups(halves[1] ?? '', true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 text: lower case, leading zeros dropped, the longest run (2+) of zero groups as ::. */
export function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

const inV4 = (octets: number[], base: [number, number, number, number], bits: number): boolean => {
  const value = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const network = base.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(network / size);
};

/** Special-purpose IPv4 ranges (IANA registry), most specific first. */
const V4_RANGES: ReadonlyArray<readonly [[number, number, number, number], number, IpScope, string]> = [
  [[255, 255, 255, 255], 32, 'broadcast', 'limited broadcast address'],
  [[0, 0, 0, 0], 8, 'unspecified', '"this network" range 0.0.0.0/8'],
  [[10, 0, 0, 0], 8, 'private', 'RFC 1918 private range 10.0.0.0/8'],
  [[172, 16, 0, 0], 12, 'private', 'RFC 1918 private range 172.16.0.0/12'],
  [[192, 168, 0, 0], 16, 'private', 'RFC 1918 private range 192.168.0.0/16'],
  [[100, 64, 0, 0], 10, 'shared', 'RFC 6598 carrier-grade NAT range 100.64.0.0/10'],
  [[127, 0, 0, 0], 8, 'loopback', 'loopback range 127.0.0.0/8'],
  [[169, 254, 0, 0], 16, 'link-local', 'link-local range 169.254.0.0/16'],
  [[192, 0, 0, 0], 24, 'reserved', 'IETF protocol assignments 192.0.0.0/24'],
  [[192, 0, 2, 0], 24, 'documentation', 'RFC 5737 documentation range 192.0.2.0/24 (stands in for an internet host)'],
  [[198, 51, 100, 0], 24, 'documentation', 'RFC 5737 documentation range 198.51.100.0/24 (stands in for an internet host)'],
  [[203, 0, 113, 0], 24, 'documentation', 'RFC 5737 documentation range 203.0.113.0/24 (stands in for an internet host)'],
  [[198, 18, 0, 0], 15, 'reserved', 'RFC 2544 benchmarking range 198.18.0.0/15'],
  [[224, 0, 0, 0], 4, 'multicast', 'multicast range 224.0.0.0/4'],
  [[240, 0, 0, 0], 4, 'reserved', 'reserved range 240.0.0.0/4'],
];

export function classifyIpv4(octets: number[]): IpInfo {
  const address = octets.join('.');
  for (const [base, bits, scope, note] of V4_RANGES) {
    if (inV4(octets, base, bits)) return { version: 4, address, scope, note };
  }
  return { version: 4, address, scope: 'public', note: 'public address' };
}

export function classifyIpv6(groups: number[]): IpInfo {
  const address = formatIpv6(groups);
  const [g0 = 0, g1 = 0] = groups;
  const info = (scope: IpScope, note: string): IpInfo => ({ version: 6, address, scope, note });
  if (groups.every((group) => group === 0)) return info('unspecified', 'unspecified address ::');
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) return info('loopback', 'loopback address ::1');
  // IPv4-mapped (::ffff:a.b.c.d): the embedded IPv4 address decides.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const v4 = classifyIpv4([(groups[6] ?? 0) >> 8, (groups[6] ?? 0) & 255, (groups[7] ?? 0) >> 8, (groups[7] ?? 0) & 255]);
    return info(v4.scope, `IPv4-mapped ${v4.address}: ${v4.note}`);
  }
  if ((g0 & 0xffc0) === 0xfe80) return info('link-local', 'link-local range fe80::/10');
  if ((g0 & 0xfe00) === 0xfc00) return info('private', 'unique local range fc00::/7 (private)');
  if ((g0 & 0xff00) === 0xff00) return info('multicast', 'multicast range ff00::/8');
  if (g0 === 0x2001 && g1 === 0x0db8) return info('documentation', 'RFC 3849 documentation range 2001:db8::/32 (stands in for an internet host)');
  if ((g0 & 0xe000) === 0x2000) return info('public', 'global unicast address');
  return info('reserved', 'outside the global unicast range 2000::/3');
}

/** Validates and classifies either family; null for text that is not an IP address. */
export function parseIp(text: string): IpInfo | null {
  const trimmed = text.trim().replace(/^\[|\]$/g, '');
  const v4 = parseIpv4(trimmed);
  if (v4) return classifyIpv4(v4);
  if (trimmed.includes(':')) {
    const v6 = parseIpv6(trimmed);
    if (v6) return classifyIpv6(v6);
  }
  return null;
}
