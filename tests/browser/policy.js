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
const t = require('./phone').start(process.argv.slice(2));

async function chartDrawn(page, name) {
  const svg = await page.evaluate(() => {
    const s = document.querySelector('svg[role="img"]');
    return s && { label: s.getAttribute('aria-label') || (s.querySelector('title') || {}).textContent || '',
                  shapes: s.querySelectorAll('rect, line, circle, path').length };
  });
  t.ok(svg && svg.label.length > 5 && svg.shapes > 2, `${name}: the chart is drawn with an accessible name`,
     JSON.stringify(svg));
}

t.run('policy', async (page, context) => {
  await t.signIn(page, 'policy', 'policy-pass-123');
  await t.check(page, 'scenarios-en', '/policy/scenarios?lang=en');
  await t.check(page, 'scenarios-hi', '/policy/scenarios?lang=hi');
  await t.check(page, 'scenario-sfurti-en', '/policy/scenarios/niti_sfurti_into_mse_cdp?lang=en');
  await chartDrawn(page, 'scenario-sfurti-en');
  await t.check(page, 'scenario-wing-hi', '/policy/scenarios/niti_marketing_wing?lang=hi');
  await t.check(page, 'impact-en', '/policy/impact?lang=en');
  await chartDrawn(page, 'impact-en');
  await t.check(page, 'impact-hi', '/policy/impact?lang=hi');
});
