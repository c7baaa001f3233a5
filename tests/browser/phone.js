// phone.js: what the page-by-page browser checks share (overlap.js, stress.js,
// insights.js, policy.js): a 360 px phone screen in Debian's chromium
// driven by playwright-core, TAP lines, signing in, and one page's check
// (200 and under 50 KB, no sideways scrolling, axe-core's WCAG 2.0/2.1 A
// and AA rules), with a screenshot per page.
//
//   const phone = require('./phone');
//   const t = phone.start(process.argv.slice(2));   // [BASE_URL, SCREENSHOT_DIR]
//   t.run('name', async (page, context) => { await t.signIn(...); await t.check(...); });
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const WIDTH = 360;
const MAX_PAGE = 50 * 1024;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function start([base, shotDir]) {
  let n = 0;
  let failed = false;
  const t = { base, WIDTH };

  t.ok = (cond, name, detail) => {
    n += 1;
    if (!cond) failed = true;
    console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
    if (!cond && detail !== undefined) for (const line of [].concat(detail)) console.log(`#   ${line}`);
    return cond;
  };

  t.signIn = async (page, user, password) => {
    await page.goto(`${base}/login`);
    await page.locator('[name="username"]').fill(user);
    await page.locator('[name="password"]').fill(password);
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/login"] button[type=submit]').click()]);
  };

  t.check = async (page, name, url) => {
    const resp = await page.goto(base + url);
    const body = await resp.body();
    t.ok(resp.status() === 200 && body.length < MAX_PAGE, `${name}: 200 and under 50 KB (${body.length} bytes)`);
    await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    t.ok(width <= WIDTH, `${name}: fits the ${WIDTH} px screen without sideways scrolling`, `scrollWidth ${width}`);
    await page.addScriptTag({ path: AXE });
    const axe = await page.evaluate((tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    }).then((r) => ({ passes: r.passes.length,
                      violations: r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')}`) })), WCAG_TAGS);
    t.ok(axe.passes > 0 && axe.violations.length === 0,
         `${name}: axe finds no WCAG 2.0/2.1 A or AA violations (${axe.passes} rules passed)`, axe.violations);
  };

  // Launch, run body(page, context), close, print the plan and exit.
  t.run = (name, body) => {
    const go = async () => {
      fs.mkdirSync(shotDir, { recursive: true });
      const context = await chromium.launchPersistentContext(
        fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`)), {
          executablePath: '/usr/bin/chromium',
          headless: true,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync'],
          viewport: { width: WIDTH, height: 740 },
          // The site's policy (script-src 'none') would refuse axe's script tag.
          bypassCSP: true,
        });
      try {
        await body(context.pages()[0] || await context.newPage(), context);
      } finally {
        await context.close();
      }
    };
    go().then(() => { console.log(`1..${n}`); process.exit(failed ? 1 : 0); },
              (e) => { console.log(`not ok ${n + 1} - the run stopped: ${e.message}`); console.log(`1..${n + 1}`); process.exit(1); });
  };
  return t;
}

module.exports = { start };
