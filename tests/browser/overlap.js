// Browser check of the overlap and awareness pages (issue 8) on a 360 px
// phone screen, in Debian's chromium driven by playwright-core: the
// policymaker's scheme matrix and awareness gap, the district officer's
// outreach list, each in English and Hindi. Every page must fit the screen
// without sideways scrolling (wide tables and pictures scroll inside their
// div.wide), be under 50 KB, and pass axe-core's WCAG 2.0/2.1 A and AA
// rules; the matrix must be drawn (cells present, with a name).
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

  await context.clearCookies();
  await t.signIn(page, 'dist', 'officer-pass-123');
  await t.check(page, 'outreach-en', '/officer/awareness?lang=en');
  await t.check(page, 'outreach-hi', '/officer/awareness?scheme=pmmy&lang=hi');
});
