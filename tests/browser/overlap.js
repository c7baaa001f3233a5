// Browser check of the overlap and awareness pages (issue 8) on a 360 px
// phone screen, in Debian's chromium driven by playwright-core: the
// policymaker's scheme matrix and awareness gap, the district officer's
// outreach list, each in English and Hindi. Every page must fit the screen
// without sideways scrolling (wide tables and pictures scroll inside their
// div.wide), be under 50 KB, and pass axe-core's WCAG 2.0/2.1 A and AA
// rules; the matrix must be drawn (cells present, with a name). The
// outreach list is checked again when kept on the server: labels on the
// need form, and its downloads reached with the keyboard.
// Usage: node overlap.js BASE_URL SCREENSHOT_DIR. Expects the officer
// dist/officer-pass-123 and the policymaker policy/policy-pass-123 (tests/
// browser/overlap.t). Prints TAP; exits non-zero on a failure.
'use strict';
const t = require('./phone').start(process.argv.slice(2));

t.run('overlap', async (page, context) => {
  await t.signIn(page, 'policy', 'policy-pass-123');
  await t.check(page, 'overlap-en', '/overlap?lang=en');
  const drawn = await page.evaluate(() => {
    const svg = document.querySelector('svg[role="img"]');
    return { cells: document.querySelectorAll('svg[role="img"] use[href="#mx"]').length,
             label: svg && svg.getAttribute('aria-label') };
  });
  t.ok(drawn.cells > 5 && drawn.label && drawn.label.length > 10,
     'the matrix is drawn: cells and an accessible name', JSON.stringify(drawn));
  await t.check(page, 'overlap-hi', '/overlap?lang=hi');
  await t.check(page, 'overlap-possible-en', '/overlap?basis=possible&lang=en');
  await t.check(page, 'awareness-en', '/overlap/awareness?lang=en');
  await t.check(page, 'awareness-pmmy-hi', '/overlap/awareness?scheme=pmmy&lang=hi');
  // The state map's tiles are links: reached with Tab, and Enter opens the
  // state's districts.
  await page.goto(t.base + '/overlap/awareness?lang=en');
  await page.locator('body').focus();
  let tile = null;
  for (let k = 0; k < 60 && !tile; k++) {
    await page.keyboard.press('Tab');
    tile = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.closest('svg[role="group"]') ? a.getAttribute('href') : null;
    });
  }
  t.ok(tile && /state=\d\d/.test(tile), 'a state tile is reached with Tab', tile);
  if (tile) {
    await Promise.all([page.waitForURL(/[?&]state=\d\d/, { timeout: 10000 }).catch(() => {}),
      page.keyboard.press('Enter')]);
    t.ok(/[?&]state=\d\d/.test(page.url()), 'Enter on the tile opens the state', page.url());
  }

  await context.clearCookies();
  await t.signIn(page, 'dist', 'officer-pass-123');
  await t.check(page, 'outreach-en', '/officer/awareness?lang=en');
  await t.check(page, 'outreach-hi', '/officer/awareness?scheme=pmmy&lang=hi');

  // The same list again: now from the run kept on the server, and it must
  // be as usable: the same checks, every form control named by a label,
  // and both downloads reached with the keyboard alone.
  await t.check(page, 'outreach-kept-en', '/officer/awareness?lang=en');
  const note = await page.locator('p.note').first().innerText();
  t.ok(/kept until the next data load/.test(note), 'the second view is the kept one', note);
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('main select, main input:not([type=hidden])')]
    .filter((el) => !(el.id && document.querySelector(`label[for="${el.id}"]`))).map((el) => el.name));
  t.ok(unlabelled.length === 0, 'every control of the need form has a label', unlabelled);
  const reached = new Set();
  await page.locator('body').focus();
  for (let k = 0; k < 80 && reached.size < 2; k++) {
    await page.keyboard.press('Tab');
    const href = await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('href'));
    if (href && /^\/officer\/awareness\.(xlsx|csv)\?/.test(href)) reached.add(href.split('?')[0]);
  }
  t.ok(reached.size === 2, 'the spreadsheet and CSV links are reached with Tab', [...reached]);
});
