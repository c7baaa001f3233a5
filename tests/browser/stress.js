// Browser check of the stress views on a 360 px phone screen, in Debian's
// chromium driven by playwright-core: the district officer's watchlist and
// the policymaker's heatmaps (national and one state), each in English and
// Hindi. Every page must fit the screen without sideways scrolling (the
// wide table scrolls inside its div.wide, the SVG scales), be under 50 KB,
// and pass axe-core's WCAG 2.0/2.1 A and AA rules; the heatmap's cells must
// be drawn with the colours of site.css (no inline style reaches them).
// Usage: node stress.js BASE_URL SCREENSHOT_DIR. Expects tests/web/
// stress_fixture.sh's store with the officer pune/officer-pune-pass and the
// policymaker policy/policy-pass-123. Prints TAP; exits non-zero on a failure.
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
    fs.mkdtempSync(path.join(os.tmpdir(), 'stress-')), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: WIDTH, height: 740 },
      // The site's policy (script-src 'none') would refuse axe's script tag.
      bypassCSP: true,
    });
  try {
    const officer = context.pages()[0] || await context.newPage();
    await signIn(officer, 'pune', 'officer-pune-pass');
    await check(officer, 'watchlist-en', '/officer/watchlist?lang=en');
    await check(officer, 'watchlist-hi', '/officer/watchlist?lang=hi');

    await context.clearCookies();
    const policy = officer;
    await signIn(policy, 'policy', 'policy-pass-123');
    await check(policy, 'heatmap-national-en', '/stress/heatmap?lang=en');
    await check(policy, 'heatmap-state-en', '/stress/heatmap?state=27&lang=en');
    await check(policy, 'heatmap-state-hi', '/stress/heatmap?state=27&lang=hi');
    // The colours come from site.css: a 40% cell is the darkest step with
    // white text, a withheld one hatched.
    const drawn = await policy.evaluate(() => {
      const step = document.querySelector('svg.heatmap rect.h4');
      const ink = step && step.nextElementSibling;
      const rect = step && step.getBoundingClientRect();
      return { fill: step && getComputedStyle(step).fill, ink: ink && getComputedStyle(ink).fill,
               width: rect ? rect.width : 0,
               hatched: !!document.querySelector('svg.heatmap rect.hw[fill="url(#hm-w)"]') };
    });
    ok(drawn.fill === 'rgb(128, 0, 38)' && drawn.ink === 'rgb(255, 255, 255)' && drawn.width > 10 && drawn.hatched,
       'the heatmap is drawn with site.css: dark step, white text, cells sized, withheld hatched',
       JSON.stringify(drawn));
  } finally {
    await context.close();
  }
}

main().then(() => { console.log(`1..${n}`); process.exit(failed ? 1 : 0); },
            (e) => { console.log(`not ok ${n + 1} - the run stopped: ${e.message}`); console.log(`1..${n + 1}`); process.exit(1); });
