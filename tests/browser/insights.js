// Browser check of the insights pages on a 360 px phone screen, in Debian's
// chromium driven by playwright-core: the entrepreneur's /insights and the
// policymaker's /sustainability, each in English and Hindi. Every page must
// fit the screen without sideways scrolling (wide tables scroll inside their
// div.wide), be under 50 KB, and pass axe-core's WCAG 2.0/2.1 A and AA
// rules; the percentile bar and the bar chart must be drawn.
// Usage: node insights.js BASE_URL SCREENSHOT_DIR. Expects the entrepreneur
// ent/ent-pass-12345 and the policymaker policy/policy-pass-123.
// Prints TAP; exits non-zero on a failure.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const [base, shotDir] = process.argv.slice(2);
const WIDTH = 360;
const MAX_PAGE = 50 * 1024;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let n = 0;
let failed = false;
function ok(cond, name, detail) {
  n += 1;
  if (!cond) failed = true;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond && detail !== undefined) for (const line of [].concat(detail)) console.log(`#   ${line}`);
  return cond;
}

async function signIn(page, user, password) {
  await page.goto(`${base}/login`);
  await page.locator('[name="username"]').fill(user);
  await page.locator('[name="password"]').fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/login"] button[type=submit]').click()]);
}

async function check(page, name, url) {
  const resp = await page.goto(base + url);
  const body = await resp.body();
  ok(resp.status() === 200 && body.length < MAX_PAGE, `${name}: 200 and under 50 KB (${body.length} bytes)`);
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(width <= WIDTH, `${name}: fits the ${WIDTH} px screen without sideways scrolling`, `scrollWidth ${width}`);
  await page.addScriptTag({ path: AXE });
  const axe = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }).then((r) => ({ passes: r.passes.length,
                    violations: r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')}`) })), WCAG_TAGS);
  ok(axe.passes > 0 && axe.violations.length === 0,
     `${name}: axe finds no WCAG 2.0/2.1 A or AA violations (${axe.passes} rules passed)`, axe.violations);
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(
    fs.mkdtempSync(path.join(os.tmpdir(), 'insights-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: WIDTH, height: 740 },
      // The site's policy (script-src 'none') would refuse axe's script tag.
      bypassCSP: true,
    });
  try {
    const page = context.pages()[0] || await context.newPage();
    await signIn(page, 'ent', 'ent-pass-12345');
    await check(page, 'insights-en', '/insights?lang=en');
    const bar = await page.evaluate(() => {
      const svg = document.querySelector('svg.pbar');
      const r = svg && svg.getBoundingClientRect();
      return { drawn: !!svg, width: r ? r.width : 0, named: svg ? svg.getAttribute('aria-label') : '' };
    });
    ok(bar.drawn && bar.width > 100 && /100/.test(bar.named), 'a percentile bar is drawn and named',
       JSON.stringify(bar));
    await check(page, 'insights-hi', '/insights?lang=hi');

    await context.clearCookies();
    await signIn(page, 'policy', 'policy-pass-123');
    await check(page, 'sustainability-en', '/sustainability?lang=en');
    const chart = await page.evaluate(() => {
      const svg = document.querySelector('svg.bars');
      return { bars: svg ? svg.querySelectorAll('rect').length : 0 };
    });
    ok(chart.bars > 0, 'the benchmark bar chart has bars', JSON.stringify(chart));
    await check(page, 'sustainability-hi', '/sustainability?lang=hi');
  } finally {
    await context.close();
  }
}

main().then(() => { console.log(`1..${n}`); process.exit(failed ? 1 : 0); },
            (e) => { console.log(`not ok ${n + 1} - the run stopped: ${e.message}`); console.log(`1..${n + 1}`); process.exit(1); });
