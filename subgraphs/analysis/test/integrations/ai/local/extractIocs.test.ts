import { extractIocs, IocCollector, isDefanged, parseIp, parseIpv6, formatIpv6, refang } from '../../../../src/integrations/ai/local';

const values = (text: string, type?: string, options = {}) =>
  extractIocs(text, options)
    .filter((ioc) => !type || ioc.type === type)
    .map((ioc) => ioc.value);

describe('refang', () => {
  it.each([
    ['hxxp://evil[.]com/a', 'http://evil.com/a'],
    ['hXXps://login(.)example[.]net', 'https://login.example.net'],
    ['user[@]evil[dot]org', 'user@evil.org'],
    ['203.0.113[.]5', '203.0.113.5'],
    ['https[:]//x.example/', 'https://x.example/'],
    ['bad (at) evil (dot) com', 'bad@evil.com'],
    ['evil\\.com', 'evil.com'],
  ])('%s → %s', (input, expected) => {
    expect(refang(input)).toBe(expected);
    expect(isDefanged(input)).toBe(true);
  });

  it('leaves ordinary text alone', () => {
    expect(refang('see https://example.com/x and note (a) [b]')).toBe('see https://example.com/x and note (a) [b]');
  });
});

describe('IP parsing and scope', () => {
  it('validates IPv4 ranges and rejects ambiguous forms', () => {
    expect(parseIp('256.1.1.1')).toBeNull();
    expect(parseIp('010.1.2.3')).toBeNull();
    expect(parseIp('1.2.3')).toBeNull();
    expect(parseIp('8.8.8.8')?.scope).toBe('public');
  });

  it.each([
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.10', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.10.1', 'link-local'],
    ['100.64.1.1', 'shared'],
    ['224.0.0.251', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.1.1.1', 'reserved'],
    ['203.0.113.9', 'documentation'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::5', 'documentation'],
    ['2603:1026:c02:1d::5', 'public'],
    ['::ffff:10.0.0.1', 'private'],
  ])('%s is %s', (address, scope) => {
    expect(parseIp(address)?.scope).toBe(scope);
  });

  it('normalises IPv6 to RFC 5952 text', () => {
    expect(formatIpv6(parseIpv6('2001:0DB8:0000:0000:0000:ff00:0042:8329') ?? [])).toBe('2001:db8::ff00:42:8329');
    expect(formatIpv6(parseIpv6('2001:db8:0:0:1:0:0:1') ?? [])).toBe('2001:db8::1:0:0:1');
    expect(parseIpv6('1::2::3')).toBeNull();
    expect(parseIpv6('12345::1')).toBeNull();
  });
});

describe('extractIocs', () => {
  it('finds each indicator type', () => {
    const text = [
      'powershell fetched http://198.51.100.7/a.ps1 then contacted c2.evil-domain.com and 2001:db8::7',
      'mail from attacker@phish.example.net, hashes 44d88612fea8a8f36de82e1278abb02f 3395856ce81f2b7382dee72602f798b642f14140',
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 dropped C:\\Users\\Public\\svc.exe and /tmp/.X11-cache/kworkerds',
      'persisted in HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run as CONTOSO\\j.doe',
    ].join('\n');
    const types = new Map(extractIocs(text).map((ioc) => [ioc.value, ioc.type]));
    expect(types.get('http://198.51.100.7/a.ps1')).toBe('URL');
    expect(types.get('198.51.100.7')).toBe('IPV4');
    expect(types.get('c2.evil-domain.com')).toBe('DOMAIN');
    expect(types.get('2001:db8::7')).toBe('IPV6');
    expect(types.get('attacker@phish.example.net')).toBe('EMAIL');
    expect(types.get('44d88612fea8a8f36de82e1278abb02f')).toBe('MD5');
    expect(types.get('3395856ce81f2b7382dee72602f798b642f14140')).toBe('SHA1');
    expect(types.get('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('SHA256');
    expect(types.get('C:\\Users\\Public\\svc.exe')).toBe('FILE_PATH');
    expect(types.get('/tmp/.X11-cache/kworkerds')).toBe('FILE_PATH');
    expect(types.get('HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run')).toBe('REGISTRY_KEY');
    expect(types.get('CONTOSO\\j.doe')).toBe('ACCOUNT');
  });

  it('refangs defanged indicators and says so in the context', () => {
    const iocs = extractIocs('C2 at hxxps://update-check[.]xyz/gate.php and 203.0.113[.]50, reply to ops[@]update-check[.]xyz');
    const url = iocs.find((ioc) => ioc.type === 'URL');
    expect(url?.value).toBe('https://update-check.xyz/gate.php');
    expect(url?.context).toMatch(/defanged/);
    expect(iocs.find((ioc) => ioc.value === '203.0.113.50')?.type).toBe('IPV4');
    expect(iocs.find((ioc) => ioc.value === 'ops@update-check.xyz')?.type).toBe('EMAIL');
  });

  it('marks private, loopback and reserved addresses as internal and lists external ones first', () => {
    const iocs = extractIocs('10.1.2.3 talked to 127.0.0.1, 169.254.1.1 and then 93.184.216.34');
    expect(iocs[0]?.value).toBe('93.184.216.34');
    for (const internal of ['10.1.2.3', '127.0.0.1', '169.254.1.1']) {
      expect(iocs.find((ioc) => ioc.value === internal)?.context).toMatch(/not an external indicator/);
    }
  });

  it('does not take file names, .NET types or versions for domains or IPs', () => {
    const text = 'opened invoice.pdf, ran cmd.exe and WINWORD.EXE, loaded comsvcs.dll, (New-Object Net.WebClient).DownloadString, script.sh, notes.md, build 6.3.9600.18233 and 10.0.19041.1';
    expect(values(text, 'DOMAIN')).toEqual([]);
    expect(values(text, 'IPV4')).toEqual([]);
  });

  it('does not take times or MAC addresses for IPv6', () => {
    expect(values('at 10:30:45 the NIC 00:1a:2b:3c:4d:5e came up', 'IPV6')).toEqual([]);
  });

  it("marks the organisation's own domain and UPNs", () => {
    const iocs = extractIocs('j.doe@contoso.example signed in to portal.contoso.example', { orgDomains: ['contoso.example'], accountAddresses: ['j.doe@contoso.example'] });
    expect(iocs.find((ioc) => ioc.value === 'j.doe@contoso.example')?.type).toBe('ACCOUNT');
    expect(iocs.find((ioc) => ioc.value === 'portal.contoso.example')?.context).toMatch(/own domain/);
  });

  it('keeps spaces inside directory names but stops at command-line switches', () => {
    const paths = values('"C:\\Program Files\\Tenable\\Nessus\\nessusd.exe" --scan x; reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe" /v Debugger');
    expect(paths).toContain('C:\\Program Files\\Tenable\\Nessus\\nessusd.exe');
    expect(paths).toContain('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\sethc.exe');
  });

  it('unwraps Safe Links to the real target', () => {
    const urls = values('https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example%2Flogin&data=1', 'URL');
    expect(urls).toContain('https://evil.example/login');
  });

  it('deduplicates and bounds the output', () => {
    const text = Array.from({ length: 300 }, (_, i) => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1} 198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`).join(' ');
    const iocs = extractIocs(text);
    expect(iocs).toHaveLength(200);
    expect(new Set(iocs.map((ioc) => ioc.value)).size).toBe(200);
    expect(extractIocs(text, { limit: 5 })).toHaveLength(5);
  });

  it('merges sources of one indicator across texts', () => {
    const collector = new IocCollector();
    collector.add('beacon to 203.0.113.66', 'alert A');
    collector.add('blocked 203.0.113.66', 'comment 1');
    const [ioc] = collector.list();
    expect(collector.size).toBe(1);
    expect(ioc?.context).toContain('alert A; comment 1');
  });
});
