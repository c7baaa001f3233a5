// Browser test of the home page, the keyboard path to sign in, and the
// language switch, in Debian's chromium driven by playwright-core.
// Usage: node home.js BASE_URL USERNAME PASSWORD PROFILE_DIR
// Prints TAP ("ok N - ..." / "not ok N - ...") and exits 0; tests/run counts the lines.
'use strict';
const { chromium } = require('playwright-core');

const [base, username, password, profileDir] = process.argv.slice(2);
let n = 0;
function ok(cond, name, detail) {
  n += 1;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond && detail !== undefined) console.log(`#   ${detail}`);
}

// Press Tab until `match` holds for the focused element; how many presses, or -1.
async function tabTo(page, match, limit = 30) {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(match)) return i;
  }
  return -1;
}

async function main() {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 320, height: 640 },
    locale: 'en-IN',
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    const resp = await page.goto(base + '/');
    ok(resp.status() === 200 && page.url() === base + '/', 'GET / loads with 200 and no redirect',
       `${resp.status()} ${page.url()}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(width <= 320, 'the home page fits a 320 px screen without sideways scrolling', `scrollWidth ${width}`);
    ok((await page.getAttribute('html', 'lang')) === 'en', 'the page declares lang="en"');
    ok(await page.evaluate(() => document.querySelectorAll('script').length === 0),
       'the page needs no JavaScript');

    // First Tab lands on the skip link, which becomes visible.
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement, r = a.getBoundingClientRect();
      return { cls: a.className, visible: r.left >= 0 && r.width > 0 && r.top >= 0 };
    });
    ok(skip.cls === 'skip' && skip.visible, 'the first Tab shows the skip link', JSON.stringify(skip));
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    ok(outline !== 'none', 'focus is visible (outline)', outline);

    // Tab on to the sign-in link and follow it with Enter.
    const presses = await tabTo(page, () => document.activeElement.getAttribute('href') === '/login');
    ok(presses > 0, 'Tab reaches the sign-in link', `presses ${presses}`);
    await Promise.all([page.waitForURL(base + '/login'), page.keyboard.press('Enter')]);
    ok(page.url() === base + '/login', 'Enter on the link opens /login');
    ok(await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden])')]
      .every((i) => i.labels && i.labels.length > 0)), 'every visible input has a label');

    // Fill the form by keyboard only and submit with Enter.
    const toUser = await tabTo(page, () => document.activeElement.id === 'username');
    ok(toUser > 0, 'Tab reaches the username field');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    ok(await page.evaluate(() => document.activeElement.id === 'password'), 'the next Tab is the password field');
    await page.keyboard.type(password);
    await Promise.all([page.waitForURL(base + '/'), page.keyboard.press('Enter')]);
    ok(page.url() === base + '/', 'submitting the form by keyboard signs in and returns to /', page.url());
    const signedIn = await page.textContent('main');
    ok(signedIn.includes(username), 'the home page shows who is signed in');
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'samanvay_session');
    ok(session && session.httpOnly && session.sameSite === 'Strict', 'the session cookie is HttpOnly and SameSite=Strict',
       JSON.stringify(session));

    // The language switch: to Hindi, then back.
    const toHindi = await tabTo(page, () => document.activeElement.getAttribute('hreflang') === 'hi');
    ok(toHindi > 0, 'Tab reaches the Hindi language link');
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.documentElement.lang === 'hi');
    ok((await page.getAttribute('html', 'lang')) === 'hi', 'the language switch serves the page in Hindi');
    const hindi = await page.textContent('body');
    ok(/[\u0900-\u097F]{20}/.test(hindi.replace(/\s+/g, '')) && hindi.includes('समन्वय'),
       'the Hindi page is in Devanagari');
    const hWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(hWidth <= 320, 'the Hindi page fits 320 px too', `scrollWidth ${hWidth}`);
    await page.goto(base + '/login');
    ok((await page.getAttribute('html', 'lang')) === 'hi', 'the choice of Hindi is remembered');
    await Promise.all([page.waitForLoadState('load'), page.click('a[hreflang=en]')]);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    ok((await page.getAttribute('html', 'lang')) === 'en', 'the switch leads back to English');
  } finally {
    await context.close();
  }
}

main().then(() => {
  console.log(`1..${n}`);
}, (err) => {
  ok(false, 'the browser test ran to the end', String(err && err.message).split('\n')[0]);
  console.log(`1..${n}`);
});
