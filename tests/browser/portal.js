// Browser test of the portal's main journey on a phone-sized screen, in
// Debian's chromium driven by playwright-core: register an enterprise by its
// Udyam number and PAN, check the pre-filled profile, pick two schemes, send
// one common application, see both on the dashboard; the district officer
// reviews and sanctions one, then opens the enterprise's golden record and a
// field's correction form; the entrepreneur sees the sanction and the
// officer's reason, opens the compliance calendar and makes a subscription link. Only the start page is typed as a URL; everything else is
// clicks and typing, fields found by their labels (in English) so the labels
// are proved too. In Hindi the label texts may be translated, so fields are
// found by their name attributes and links by their href instead.
// Every page the journey stops at is also checked by axe-core against the
// WCAG 2.0 and 2.1 A and AA rules, and must fit the 360 px screen without
// sideways scrolling (a wide table scrolls inside its div.wide instead).
// Usage: node portal.js BASE_URL SCREENSHOT_DIR LANG (en or hi)
// Expects the Pune enterprise (UDYAM-MH-26-0012345) unclaimed and an officer
// pune/officer-pune-pass. Prints TAP; exits non-zero if any check fails.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const [base, shotDir, lang] = process.argv.slice(2);
const en = lang === 'en';
const MAX_PAGE = 50 * 1024;
const WIDTH = 360;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_TARGETS = 3;
const ENTREPRENEUR = { username: `asha_${lang}`, password: 'asha-password-1' };
const OFFICER = { username: 'pune', password: 'officer-pune-pass' };
const REASON = `Documents verified in the ${lang} run; subsidy approved`;

let n = 0;
let failed = false;
// detail: what to print under a failure, a string or an array of lines.
function ok(cond, name, detail) {
  n += 1;
  if (!cond) failed = true;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - [${lang}] ${name}`);
  if (!cond && detail !== undefined) {
    for (const line of [].concat(detail)) console.log(`#   ${line}`);
  }
  return cond;
}
// A check the rest of the journey depends on: stop at once if it fails.
function must(cond, name, detail) {
  if (!ok(cond, name, detail)) throw new Error(`stopped: ${name}`);
}

// What in the HTML as sent (not the live DOM, where chromium's autofill
// adds empty style attributes) the policy would refuse: script and style
// elements, style attributes and event handler attributes.
function inlineCode(html) {
  return (html.match(/<(script|style)\b[^>]*>|<[a-z][^>]*\s(style|on[a-z]+)\s*=[^>]*>/gi) || [])
    .map((m) => m.slice(0, 80));
}

// In English the accessible name (label, link text, button text) finds the
// element; in Hindi the CSS selector that does not depend on the wording.
function field(page, label, name) {
  return en ? page.getByLabel(label, { exact: true }) : page.locator(`[name="${name}"]`);
}
function link(page, text, href) {
  return en ? page.getByRole('link', { name: text, exact: true }).first()
            : page.locator(`a[href="${href}"]`).first();
}
function button(page, text, form) {
  return en ? page.getByRole('button', { name: text, exact: true })
            : page.locator(`form[action="${form}"] button[type=submit]`);
}
// Click and wait for the browser to load the next document (a POST's 303
// lands on a new document too); with `where`, it must have that path.
async function clickTo(page, locator, where) {
  await Promise.all([
    page.waitForEvent('framenavigated', (f) => f === page.mainFrame()),
    locator.click(),
  ]);
  await page.waitForLoadState('load');
  const at = new URL(page.url()).pathname;
  if (where) must(at === where, `the click leads to ${where}`, `at ${page.url()}`);
}

async function main() {
  fs.mkdirSync(shotDir, { recursive: true });
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-${lang}-`));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: WIDTH, height: 740 },
    locale: 'en-IN',
    // The site's policy (script-src 'none') would refuse axe's script tag.
    // Bypassing it hides policy violations from the console too, so endStep
    // proves the header is still sent and that the HTML has nothing inline
    // the policy would refuse.
    bypassCSP: true,
  });
  // Every HTML page the browser receives, its size and its policy, and
  // console errors.
  const pages = [];
  const errors = [];
  let shots = 0;
  try {
    const page = context.pages()[0] || await context.newPage();
    // Chromium asks for /favicon.ico by itself and logs its 404 as a console
    // error; the site has no icon, which is no fault of a page. The URL of a
    // failed fetch is only on the response, so 404s are matched to it there.
    const failedUrls = [];
    let faviconNoted = false;
    page.on('response', (r) => { if (r.status() >= 400) failedUrls.push(new URL(r.url()).pathname); });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const at = m.location() && m.location().url ? new URL(m.location().url).pathname : '';
      if (/Failed to load resource/.test(m.text()) && (at === '/favicon.ico' ||
          (at === '' && failedUrls.length > 0 && failedUrls.every((u) => u === '/favicon.ico')))) {
        if (!faviconNoted) console.log('# note: /favicon.ico answers 404 (not counted as a page error)');
        faviconNoted = true;
        return;
      }
      errors.push(`${page.url()}: ${m.text()} ${at} [failed: ${failedUrls.join(',')}]`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('response', (r) => {
      if (r.request().resourceType() === 'document' && r.status() === 200) {
        const csp = r.headers()['content-security-policy'] || '';
        pages.push(r.body().then((b) => ({ url: r.url(), size: b.length, csp, inline: inlineCode(b.toString()) }),
                                 (e) => ({ url: r.url(), size: -1, err: e.message, csp, inline: [] })));
      }
    });

    // The page as it stands: it fits the screen's width, and axe finds no
    // WCAG 2.0/2.1 A or AA violation. What axe cannot decide by itself (say,
    // the contrast of a table cell scrolled out of sight) is printed as a
    // note for a person to look at.
    async function checkPage(name) {
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(width <= WIDTH, `${name}: fits the ${WIDTH} px screen without sideways scrolling`,
         `scrollWidth ${width}`);
      await page.addScriptTag({ path: AXE });
      const axe = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }).then((r) => {
        const why = (x) => [...x.any, ...x.all, ...x.none].map((c) => c.message).find(Boolean) || '';
        const brief = (v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                                targets: v.nodes.map((x) => `${x.target.join(' ')}: ${why(x)}`) });
        return { passes: r.passes.length, violations: r.violations.map(brief),
                 incomplete: r.incomplete.map(brief) };
      }), WCAG_TAGS);
      const lines = (v) => [`${v.id} (${v.impact}): ${v.help}; ${v.count} element(s)`,
                            ...v.targets.slice(0, MAX_TARGETS).map((t) => `  at ${t}`)];
      for (const v of axe.incomplete) {
        for (const line of lines(v)) console.log(`# note: ${name}: axe cannot decide: ${line}`);
      }
      ok(axe.passes > 0 && axe.violations.length === 0,
         `${name}: axe finds no WCAG 2.0/2.1 A or AA violations (${axe.passes} rules passed)`,
         axe.violations.flatMap(lines));
    }

    // After each step: a screenshot, the language, page sizes, the policy,
    // console errors, then checkPage.
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
      ok(inline.length === 0, `${name}: no page has inline script or style for the policy to refuse`,
         inline.map((p) => `${p.url}: ${p.inline.join(' ')}`));
      const errs = errors.splice(0);
      ok(errs.length === 0, `${name}: no console errors`, errs.join(' | '));
      await checkPage(name);
    }

    // 0. The start page, and (for Hindi) the language link in the header.
    const resp = await page.goto(base + '/');
    must(resp.status() === 200, 'GET / answers 200', resp.status());
    if (!en) {
      await clickTo(page, page.locator('header a[hreflang=hi]'), '/');
    }
    await endStep('home');

    // 1. Register with the Udyam number and the PAN.
    await clickTo(page, link(page, 'Create an account', '/register'), '/register');
    await field(page, 'Choose a username', 'username').fill(ENTREPRENEUR.username);
    await field(page, 'Choose a password', 'password').fill(ENTREPRENEUR.password);
    await field(page, 'Udyam registration number', 'udyam').fill('UDYAM-MH-26-0012345');
    await field(page, 'PAN or GSTIN of the enterprise', 'id2').fill('ABCPP1234K');
    await endStep('register-filled');
    await clickTo(page, button(page, 'Create account', '/register'), '/profile');

    // 2. The pre-filled profile says where its facts came from.
    const profile = await page.textContent('main');
    ok(profile.includes('Shakti Textiles'), 'the profile shows the enterprise from the Udyam record');
    ok(await page.locator('main p.source').count() > 0 &&
       (await page.locator('main p.source').first().textContent()).includes('udyam.csv'),
       'each fact carries a source note naming the record');
    if (en) {
      ok((await page.getByLabel("the enterprise's name", { exact: true }).inputValue()) === 'Shakti Textiles',
         'the name field, found by its label, holds the name from the record');
    }
    await endStep('profile');
    await clickTo(page, button(page, 'Save and see my schemes', '/profile'), '/schemes');

    // 3. The scheme finder: tick two eligible schemes.
    const eligible = page.locator('li.scheme.eligible');
    must(await eligible.count() >= 1, `at least one scheme is eligible (${await eligible.count()})`);
    if (en) ok((await page.textContent('main')).includes('Eligible'), 'the finder says "Eligible"');
    let picks = page.locator('li.scheme.eligible input[name^="apply_"]');
    if (await picks.count() < 2) picks = page.locator('input[type=checkbox][name^="apply_"]');
    must(await picks.count() >= 2, 'two schemes can be ticked');
    const picked = [];
    for (const i of [0, 1]) {
      await picks.nth(i).check();
      picked.push(await picks.nth(i).getAttribute('name'));
    }
    ok(await picks.nth(0).isChecked() && await picks.nth(1).isChecked(), `ticked ${picked.join(' and ')}`);
    await endStep('schemes');
    await clickTo(page, button(page, 'Apply to the ticked schemes with one form', '/apply'), '/apply');

    // 4. One common application: answer every field, accept every declaration.
    for (const p of picked) {
      ok(await page.locator(`input[type=hidden][name="scheme_${p.slice('apply_'.length)}"]`).count() === 1,
         `the form applies to ${p.slice('apply_'.length)}`);
    }
    const fields = page.locator('main [name^="field_"]');
    const nf = await fields.count();
    for (let i = 0; i < nf; i++) {
      const f = fields.nth(i);
      const name = await f.getAttribute('name');
      await f.fill(/amount|number_of|count/.test(name) ? '250000' : `Answer for ${name}`);
    }
    const decls = page.locator('main input[type=checkbox][name^="decl_"]');
    const nd = await decls.count();
    for (let i = 0; i < nd; i++) await decls.nth(i).check();
    ok(nd > 0, `answered ${nf} field(s) and ticked ${nd} declaration(s)`);
    await endStep('apply');
    await clickTo(page, button(page, 'Submit the application', '/apply'), '/dashboard');

    // 5. The dashboard shows both applications.
    const apps = page.locator('main a[href^="/applications/"]');
    must(await apps.count() >= 2, `the dashboard links to both applications (${await apps.count()})`);
    if (en) ok((await page.textContent('main')).includes('Submitted'), 'and says they are submitted');
    await endStep('dashboard');

    // 6. The officer signs in, reviews and sanctions the first in the worklist.
    await clickTo(page, page.locator('header form[action="/logout"] button[type=submit]'));
    ok((await page.locator('header form[action="/logout"]').count()) === 0, 'signing out ends the session');
    await clickTo(page, en ? page.locator('header').getByRole('link', { name: 'Sign in', exact: true })
                           : page.locator('header a[href="/login"]'), '/login');
    await endStep('login');
    await field(page, 'Username', 'username').fill(OFFICER.username);
    await field(page, 'Password', 'password').fill(OFFICER.password);
    await clickTo(page, button(page, 'Sign in', '/login'), '/officer/worklist');
    const work = page.locator('main a[href^="/applications/"]');
    must(await work.count() >= 2, `the worklist holds both applications (${await work.count()})`);
    const appHref = await work.first().getAttribute('href');
    await endStep('worklist');
    await clickTo(page, work.first(), appHref);
    await field(page, 'Action', 'action').selectOption('start_review');
    await endStep('application-officer');
    await clickTo(page, button(page, 'Save', appHref), appHref);
    const options = await page.locator('select[name=action] option').evaluateAll((os) => os.map((o) => o.value));
    must(options.includes('sanction'), 'after the review starts, sanction is offered', options.join(','));
    await field(page, 'Action', 'action').selectOption('sanction');
    await field(page, 'Reason', 'reason').fill(REASON);
    await endStep('sanction-filled');
    await clickTo(page, button(page, 'Save', appHref), appHref);
    ok((await page.textContent('main')).includes(REASON), 'the application history shows the reason');
    await endStep('sanctioned-officer');

    // 6b. From the application, the enterprise's golden record: every field
    // with its source, one link away from a field's correction form.
    const entLink = page.locator('main a[href^="/officer/enterprises/"]').first();
    const entHref = await entLink.getAttribute('href');
    await clickTo(page, entLink, entHref);
    must(await page.locator('main dl.golden dt').count() > 10, 'the record shows its fields');
    await endStep('enterprise-record');
    await clickTo(page, page.locator('main a[href*="?field="]').first(), entHref);
    must(await page.locator('main form textarea[name=reason][required]').count() === 1,
         'the correction form asks for a reason');
    await endStep('enterprise-correct');

    // 7. The entrepreneur sees the sanction, and the officer's reason.
    await clickTo(page, page.locator('header form[action="/logout"] button[type=submit]'));
    await clickTo(page, en ? page.locator('header').getByRole('link', { name: 'Sign in', exact: true })
                           : page.locator('header a[href="/login"]'), '/login');
    await field(page, 'Username', 'username').fill(ENTREPRENEUR.username);
    await field(page, 'Password', 'password').fill(ENTREPRENEUR.password);
    await clickTo(page, button(page, 'Sign in', '/login'));
    await clickTo(page, link(page, 'Dashboard', '/dashboard'), '/dashboard');
    const dash = await page.textContent('main');
    if (en) ok(dash.includes('Sanctioned'), 'the dashboard says "Sanctioned"');
    ok(dash.includes(REASON), "the dashboard's messages carry the officer's reason");
    await endStep('dashboard-sanctioned');
    await clickTo(page, page.locator(`main a[href="${appHref}"]`).first(), appHref);
    ok((await page.textContent('main')).includes(REASON), `${appHref} shows the entrepreneur the officer's reason`);
    await endStep('application-entrepreneur');
    // 8. The compliance calendar from the dashboard, and a subscription link for the phone.
    await clickTo(page, link(page, 'Dashboard', '/dashboard'), '/dashboard');
    await clickTo(page, link(page, 'The whole calendar, and adding it to your phone', '/calendar'), '/calendar');
    await endStep('calendar');
    await clickTo(page, button(page, 'Make a subscription link', '/calendar/subscription'), '/calendar/subscription');
    ok(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/.test((await page.inputValue('#feed-url')) || ''),
       'the calendar page shows the new subscription link once');
    await endStep('calendar-subscribed');
  } finally {
    await context.close();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(() => {
  console.log(`1..${n}`);
  process.exitCode = failed ? 1 : 0;
}, (err) => {
  ok(false, 'the journey ran to the end', String(err && err.message).split('\n')[0]);
  console.log(`1..${n}`);
  process.exitCode = 1;
});
