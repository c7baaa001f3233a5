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
const t = require('./phone').start(process.argv.slice(2));

t.run('stress', async (page, context) => {
  await t.signIn(page, 'pune', 'officer-pune-pass');
  await t.check(page, 'watchlist-en', '/officer/watchlist?lang=en');
  await t.check(page, 'watchlist-hi', '/officer/watchlist?lang=hi');

  await context.clearCookies();
  await t.signIn(page, 'policy', 'policy-pass-123');
  await t.check(page, 'heatmap-national-en', '/stress/heatmap?lang=en');
  await t.check(page, 'heatmap-state-en', '/stress/heatmap?state=27&lang=en');
  await t.check(page, 'heatmap-state-hi', '/stress/heatmap?state=27&lang=hi');
  // The colours come from site.css: a 40% cell is the darkest step with
  // white text, a withheld one hatched.
  const drawn = await page.evaluate(() => {
    const step = document.querySelector('svg.heatmap rect.h4');
    const ink = step && step.nextElementSibling;
    const rect = step && step.getBoundingClientRect();
    return { fill: step && getComputedStyle(step).fill, ink: ink && getComputedStyle(ink).fill,
             width: rect ? rect.width : 0,
             hatched: !!document.querySelector('svg.heatmap rect.hw[fill="url(#hm-w)"]') };
  });
  t.ok(drawn.fill === 'rgb(128, 0, 38)' && drawn.ink === 'rgb(255, 255, 255)' && drawn.width > 10 && drawn.hatched,
       'the heatmap is drawn with site.css: dark step, white text, cells sized, withheld hatched',
       JSON.stringify(drawn));
});
