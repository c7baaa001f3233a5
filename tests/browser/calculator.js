// Browser test of the delayed-payment calculator (issue 6) on a phone-sized
// screen, in Debian's chromium driven by playwright-core, signed out: the
// form is reached and filled by keyboard alone (Tab from the top of the
// page, typing, Enter to submit), the result matches the hand-worked example
// of docs/delayed-payments.md, and the empty form and the result page are
// checked by axe-core against WCAG 2.0/2.1 A and AA, fit the 360 px screen
// (the schedule table scrolls inside its div.wide), stay under 50 KB and
// carry no inline script or style. The pattern is portal.js's.
// Usage: node calculator.js BASE_URL SCREENSHOT_DIR LANG (en or hi)
// Prints TAP; exits non-zero if any check fails.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const [base, shotDir, lang] = process.argv.slice(2);
const MAX_PAGE = 50 * 1024;
const WIDTH = 360;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TABS = 40;

let n = 0;
let failed = false;
function ok(cond, name, detail) {
  n += 1;
  if (!cond) failed = true;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - [${lang}] ${name}`);
  if (!cond && detail !== undefined) {
    for (const line of [].concat(detail)) console.log(`#   ${line}`);
  }
  return cond;
}
function must(cond, name, detail) {
  if (!ok(cond, name, detail)) throw new Error(`stopped: ${name}`);
}
function inlineCode(html) {
  return (html.match(/<(script|style)\b[^>]*>|<[a-z][^>]*\s(style|on[a-z]+)\s*=[^>]*>/gi) || [])
    .map((m) => m.slice(0, 80));
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `calculator-${lang}-`));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: WIDTH, height: 740 },
    locale: 'en-IN',
    bypassCSP: true,   // only to inject axe; the policy header is checked below
  });
  const pages = [];
  const errors = [];
  let shots = 0;
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon\.ico|Failed to load resource/.test(m.text() + (m.location().url || ''))) {
        errors.push(`${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document') {
        const csp = r.headers()['content-security-policy'] || '';
        pages.push(r.body().then((b) => ({ url: r.url(), status: r.status(), size: b.length, csp,
                                           inline: inlineCode(b.toString()) }),
                                 (e) => ({ url: r.url(), size: -1, err: e.message, csp, inline: [] })));
      }
    });

    async function endStep(name) {
      shots += 1;
      const file = path.join(shotDir, `${String(shots).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      ok(fs.statSync(file).size > 0, `screenshot ${path.basename(file)}`);
      ok((await page.getAttribute('html', 'lang')) === lang, `${name}: the page declares lang="${lang}"`);
      const seen = await Promise.all(pages.splice(0));
      const big = seen.filter((p) => !(p.size > 0 && p.size < MAX_PAGE));
      ok(seen.length > 0 && big.length === 0,
         `${name}: ${seen.length} HTML page(s) each under 50 KB (${seen.map((p) => p.size).join(', ')} bytes)`,
         JSON.stringify(big));
      const lax = seen.filter((p) => !/(^|;)\s*script-src 'none'/.test(p.csp));
      ok(seen.length > 0 && lax.length === 0, `${name}: each page sends its policy with script-src 'none'`,
         lax.map((p) => `${p.url}: ${p.csp || 'no Content-Security-Policy'}`));
      const inline = seen.filter((p) => p.inline.length > 0);
      ok(inline.length === 0, `${name}: no inline script or style`,
         inline.map((p) => `${p.url}: ${p.inline.join(' ')}`));
      const errs = errors.splice(0);
      ok(errs.length === 0, `${name}: no console errors`, errs.join(' | '));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(width <= WIDTH, `${name}: fits the ${WIDTH} px screen without sideways scrolling`,
         `scrollWidth ${width}`);
      await page.addScriptTag({ path: AXE });
      const axe = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }).then((r) => ({ passes: r.passes.length,
                        violations: r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ` +
                          v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')) })), WCAG_TAGS);
      ok(axe.passes > 0 && axe.violations.length === 0,
         `${name}: axe finds no WCAG 2.0/2.1 A or AA violations (${axe.passes} rules passed)`,
         axe.violations);
    }

    // Tab from the top of the page until the focus is in `name`; the fields
    // must come in the order the form lists them.
    async function tabTo(name) {
      for (let i = 0; i < MAX_TABS; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => document.activeElement && document.activeElement.name);
        if (at === name) return true;
      }
      return false;
    }

    const resp = await page.goto(`${base}/payments/calculator?lang=${lang}`);
    must(resp.status() === 200, 'GET /payments/calculator answers 200 signed out', resp.status());
    await endStep('calculator');

    must(await tabTo('amount'), 'Tab reaches the invoice amount');
    await page.keyboard.type('100000');
    must(await tabTo('invoice_date'), 'the next Tab is the invoice date');
    await page.keyboard.type('2024-01-01');
    must(await tabTo('acceptance_date'), 'then the acceptance date');
    must(await tabTo('agreed_days'), 'then the agreed days');
    await page.keyboard.type('30');
    must(await tabTo('as_of'), 'then the as-of date');
    await page.keyboard.type('2024-05-10');
    await Promise.all([
      page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
      page.keyboard.press('Enter'),
    ]);
    await page.waitForLoadState('load');
    must(new URL(page.url()).pathname === '/payments/calculator', 'Enter submits the form', page.url());
    const text = await page.locator('#result').innerText();
    ok(text.includes('₹5,720.79'), 'the interest is ₹5,720.79, as worked by hand', text.slice(0, 200));
    ok(text.includes('₹1,05,721'), 'the amount to claim is ₹1,05,721', text.slice(0, 200));
    ok(await page.locator('#schedule tbody tr').count() === 4, 'four months in the schedule');
    ok(await page.locator('#schedule caption').count() === 1, 'the schedule table has a caption');
    await endStep('result');
  } catch (e) {
    ok(false, 'the journey finished', e.message);
  } finally {
    await context.close();
  }
  process.exit(failed ? 1 : 0);
}

main();
