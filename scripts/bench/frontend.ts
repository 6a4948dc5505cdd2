/**
 * `npm run bench:frontend [-- --runs 5]`: what an analyst's browser pays to open the dashboard.
 *
 * Starts its own copy of the product (the API through the launcher on free ports with an embedded
 * database in a throw-away folder, the four frontends production-built and served as deployed,
 * 120 demo incidents per tenant), then loads the shell's dashboard route in headless Chromium,
 * signed in, with a cold cache, `--runs` times, and prints the medians of:
 *
 *   - initial JavaScript transferred (gzip bytes on the wire) from the shell's origin and the
 *     dashboard's origin until the dashboard shows its KPIs and incident table;
 *   - Largest Contentful Paint of the page;
 *   - Total Blocking Time: the sum of (long task - 50 ms) from First Contentful Paint until the
 *     dashboard has rendered its data (the Lighthouse definition runs to TTI; this window ends
 *     when the data is on screen, which is what the analyst waits for).
 *
 * No CPU or network throttling: loopback and whatever the machine has.
 */
import { cpus, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { launchProduct, type LaunchedProduct } from '../lib/frontends';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const RUNS = option('runs', 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface RunResult {
  shellJs: number;
  dashboardJs: number;
  otherJs: number;
  jsFiles: number;
  fcp: number;
  lcp: number;
  tbt: number;
  ready: number;
  lcpElement: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${Math.round(value)} ms`;

/** Observers installed before any page script, so no paint or long task is missed. */
const OBSERVERS = `(() => {
  window.__bench = { lcp: 0, fcp: 0, longTasks: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.__bench.lcp = e.startTime; const el = e.element; window.__bench.lcpElement = el ? el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') : ''; } }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime; }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]); }).observe({ type: 'longtask', buffered: true });
})();`;

async function signIn(gatewayUrl: string): Promise<{ token: string; email: string; displayName: string; expiresAt: number }> {
  const response = await fetch(`${gatewayUrl}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'analyst@contoso.example' }) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  const body = (await response.json()) as { token: string; expiresIn: number; user: { email: string; displayName: string } };
  return { token: body.token, email: body.user.email, displayName: body.user.displayName, expiresAt: Date.now() + body.expiresIn * 1000 };
}

async function measure(browser: Browser, product: LaunchedProduct, session: object): Promise<RunResult> {
  const shellOrigin = new URL(product.settings.publicUrls.shell).origin;
  const dashboardOrigin = new URL(product.settings.remoteUrls.dashboard).origin;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // Signed in already (the session the shell keeps in sessionStorage), tenant contoso.
  await context.addInitScript(
    `if (location.origin === ${JSON.stringify(shellOrigin)}) { sessionStorage.setItem('soc.session', ${JSON.stringify(JSON.stringify(session))}); sessionStorage.setItem('soc.tenant', 'contoso'); }\n${OBSERVERS}`,
  );
  const page = await context.newPage();
  const transferred = { shell: 0, dashboard: 0, other: 0, files: 0 };
  let counting = true;
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (!counting || !/\.m?js$/.test(url.pathname)) return;
    const headers = response.headers();
    const bytes = Number(headers['content-length'] ?? 0);
    transferred.files += 1;
    if (url.origin === shellOrigin) transferred.shell += bytes;
    else if (url.origin === dashboardOrigin) transferred.dashboard += bytes;
    else transferred.other += bytes;
  });
  const started = Date.now();
  await page.goto(product.frontends.shellUrl);
  await page.waitForSelector('[data-testid="incident-row"]', { timeout: 120_000 });
  await page.waitForSelector('[data-testid="kpi-open"] [data-kpi-value]', { timeout: 120_000 });
  const ready = Date.now() - started;
  counting = false;
  await page.waitForTimeout(1_000); // let the last paint entries arrive
  const metrics = (await page.evaluate(`(() => {
    const b = window.__bench;
    const tbt = b.longTasks.filter(([start]) => start >= b.fcp).reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
    return { fcp: b.fcp, lcp: b.lcp, tbt, lcpElement: b.lcpElement || '' };
  })()`)) as { fcp: number; lcp: number; tbt: number; lcpElement: string };
  await context.close();
  return { shellJs: transferred.shell, dashboardJs: transferred.dashboard, otherJs: transferred.other, jsFiles: transferred.files, ...metrics, ready };
}

async function main(): Promise<void> {
  const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
  console.log(`bench:frontend: ${RUNS} cold loads of the dashboard in headless Chromium (${cpus().length} CPUs, no throttling; load average ${load()})`);
  console.log('starting the product (API through the launcher, frontends production builds)...');
  const product = await launchProduct({
    demoIncidentsPerTenant: 120,
    demoTrickleSeconds: 0,
    demoUsers: [{ email: 'analyst@contoso.example', displayName: 'Alex Contoso (analyst)', tenants: ['contoso'] }],
    log: (line) => console.log(line),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const session = await signIn(product.gatewayUrl);
    await measure(browser, product, session); // warm-up: server-side caches (gzip), the API's first queries
    const results: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await measure(browser, product, session);
      results.push(result);
      console.log(
        `  run ${i + 1}: JS shell ${kb(result.shellJs)} + dashboard ${kb(result.dashboardJs)} (${result.jsFiles} files), FCP ${ms(result.fcp)}, LCP ${ms(result.lcp)}, TBT ${ms(result.tbt)}, data on screen ${ms(result.ready)} (LCP element ${result.lcpElement || '?'})`,
      );
    }
    const m = (key: Exclude<keyof RunResult, 'lcpElement'>) => median(results.map((r) => r[key]));
    console.log('');
    console.log(`Medians of ${RUNS} runs:`);
    console.log(`  initial JS transferred (gzip), shell + dashboard   ${kb(m('shellJs') + m('dashboardJs'))}  (shell ${kb(m('shellJs'))}, dashboard ${kb(m('dashboardJs'))})`);
    console.log(`  dashboard LCP                                       ${ms(m('lcp'))}`);
    console.log(`  dashboard total blocking time (FCP -> data shown)    ${ms(m('tbt'))}`);
    console.log(`  first contentful paint                              ${ms(m('fcp'))}`);
    console.log(`  data on screen (navigation -> KPIs and table)       ${ms(m('ready'))}`);
    console.log(`  (machine load average at the end: ${load()})`);
  } finally {
    await browser.close();
    await product.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
