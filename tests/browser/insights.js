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
const t = require('./phone').start(process.argv.slice(2));

t.run('insights', async (page, context) => {
  await t.signIn(page, 'ent', 'ent-pass-12345');
  await t.check(page, 'insights-en', '/insights?lang=en');
  const bar = await page.evaluate(() => {
    const svg = document.querySelector('svg.pbar');
    const r = svg && svg.getBoundingClientRect();
    return { drawn: !!svg, width: r ? r.width : 0, named: svg ? svg.getAttribute('aria-label') : '' };
  });
  t.ok(bar.drawn && bar.width > 100 && /100/.test(bar.named), 'a percentile bar is drawn and named',
     JSON.stringify(bar));
  await t.check(page, 'insights-hi', '/insights?lang=hi');

  await context.clearCookies();
  await t.signIn(page, 'policy', 'policy-pass-123');
  await t.check(page, 'sustainability-en', '/sustainability?lang=en');
  const chart = await page.evaluate(() => {
    const svg = document.querySelector('svg.bars');
    return { bars: svg ? svg.querySelectorAll('rect').length : 0 };
  });
  t.ok(chart.bars > 0, 'the benchmark bar chart has bars', JSON.stringify(chart));
  await t.check(page, 'sustainability-hi', '/sustainability?lang=hi');
});
