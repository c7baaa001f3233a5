// Browser check of the policymaker's merger what-ifs and scheme outcomes
// (issue 8) on a 360 px phone screen, in Debian's chromium driven by
// playwright-core: the scenario list, one scenario's before and after, and
// the impact page with its forest plot, each in English and Hindi. Every
// page must fit the screen without sideways scrolling, be under 50 KB, and
// pass axe-core's WCAG 2.0/2.1 A and AA rules; the charts must be drawn
// with an accessible name. Usage: node policy.js BASE_URL SCREENSHOT_DIR.
// Expects the policymaker policy/policy-pass-123 (tests/browser/policy.t).
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

async function chartDrawn(page, name) {
  const svg = await page.evaluate(() => {
    const s = document.querySelector('svg[role="img"]');
    return s && { label: s.getAttribute('aria-label') || (s.querySelector('title') || {}).textContent || '',
                  shapes: s.querySelectorAll('rect, line, circle, path').length };
  });
  ok(svg && svg.label.length > 5 && svg.shapes > 2, `${name}: the chart is drawn with an accessible name`,
     JSON.stringify(svg));
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const context = await chromium.launchPersistentContext(
    fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), {
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
    await signIn(page, 'policy', 'policy-pass-123');
    await check(page, 'scenarios-en', '/policy/scenarios?lang=en');
    await check(page, 'scenarios-hi', '/policy/scenarios?lang=hi');
    await check(page, 'scenario-sfurti-en', '/policy/scenarios/niti_sfurti_into_mse_cdp?lang=en');
    await chartDrawn(page, 'scenario-sfurti-en');
    await check(page, 'scenario-wing-hi', '/policy/scenarios/niti_marketing_wing?lang=hi');
    await check(page, 'impact-en', '/policy/impact?lang=en');
    await chartDrawn(page, 'impact-en');
    await check(page, 'impact-hi', '/policy/impact?lang=hi');
  } finally {
    await context.close();
  }
}

main().then(() => { console.log(`1..${n}`); process.exit(failed ? 1 : 0); },
            (e) => { console.log(`not ok ${n + 1} - the run stopped: ${e.message}`); console.log(`1..${n + 1}`); process.exit(1); });
