/**
 * Top-level domains the IOC extractor accepts. A fixed list (instead of "any 2+ letters") is what keeps
 * `cmd.exe`, `invoice.pdf` or `Net.WebClient` from being read as domains.
 */

/** Country-code TLDs (ISO 3166-1 alpha-2 delegations plus uk, eu, su, ac). */
const COUNTRY_TLDS = `
ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk
fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir
is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk
ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl
pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc
td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw
`;

/** Generic TLDs seen in mail and web traffic, including the cheap ones phishing favours. */
const GENERIC_TLDS = `
com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat post
app dev io ai cloud online site website web tech store shop xyz top club live life world today space fun
icu vip work click link buzz guru email support help services solutions digital agency network systems
software social media news blog page zone host press global center company group team tools ltd inc llc
bank insurance finance financial money pay capital fund investments credit loan loans cash
one plus run win bid date download review stream racing party trade science faith cricket men loan
monster rest bar best cam cyou sbs quest lol mom beauty hair skin makeup boutique fashion
design studio art photo photography pics pictures gallery video audio music film movie
academy school education university college training courses institute
health care clinic dental doctor hospital medical pharmacy
consulting management partners business enterprises industries ventures holdings legal law lawyer
market marketing sale sales deals discount coupons promo gift gifts
city town land estate house homes properties realty rentals apartments
events expert exchange express direct domains hosting server systems tools codes computer technology
energy solar green eco earth
games game casino poker bet
chat community forum social wiki
family kids baby dog cat pet
auto car cars bike taxi flights tours holiday vacations cruises
accountant accountants tax
africa amsterdam berlin boston brussels london nyc paris tokyo wien
new now ninja rocks systems
zip mov
google microsoft amazon apple azure office windows
onion arpa
`;

/** Reserved names (RFC 2606, RFC 6761): documentation and demo data use them for made-up hosts. */
export const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost']);

/** Names only meaningful inside a network (AD forests, mDNS, home routers): never external. */
export const INTERNAL_TLDS = new Set(['local', 'internal', 'lan', 'corp', 'home', 'intranet', 'localdomain']);

export const KNOWN_TLDS: ReadonlySet<string> = new Set([
  ...`${COUNTRY_TLDS} ${GENERIC_TLDS}`.split(/\s+/).filter(Boolean),
  ...RESERVED_TLDS,
  ...INTERNAL_TLDS,
]);

/**
 * TLDs that are also common file extensions (script.sh, tool.py, Module.pm, notes.md, archive.zip,
 * clip.mov, image.ai, configure.ac, Makefile.am, lib.so, x.ps). A bare `name.ext` with one of these is
 * read as a file name; the same name inside a URL or an email address is still a domain.
 */
export const FILE_LIKE_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'sh', 'py', 'pl', 'pm', 'ps', 'rs', 'md', 'so', 'ai', 'am', 'ac', 'mk', 'la', 'ml', 'mo', 'sc',
  'in', 'do', 'ms', 'cs', 'ts', 'js', 'sy', 'tf', 'cc', 'cx', 'bz', 'gz', 'st', 're', 'rb', 'hs', 'lo', 'bat',
  'app', 'one', 'rest', 'run', 'download', 'review', 'stream', 'page', 'link', 'zone', 'log', 'data', 'sql',
]);

/** Cheap or abused TLDs: a weak phishing signal on their own, never a verdict. */
export const RISKY_TLDS: ReadonlySet<string> = new Set([
  'zip', 'mov', 'top', 'xyz', 'click', 'link', 'icu', 'buzz', 'work', 'cyou', 'sbs', 'quest', 'rest', 'bar', 'monster',
  'tk', 'ml', 'ga', 'cf', 'gq', 'win', 'bid', 'date', 'download', 'review', 'stream', 'racing', 'party', 'loan', 'men',
]);

export function tldOf(domain: string): string {
  const at = domain.lastIndexOf('.');
  return at < 0 ? '' : domain.slice(at + 1).toLowerCase();
}
