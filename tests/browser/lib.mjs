// Shared by the page checks: start Debian's chromium through puppeteer-core (which downloads
// no browser of its own) and print one JSON document for tests/residents.rs to judge.
import puppeteer from 'puppeteer-core';

export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

export async function launch() {
  return puppeteer.launch({
    executablePath: CHROME,
    headless: true,
    args: [
      '--no-sandbox', // CI runs as root, where chromium's sandbox cannot start
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A 360×800 phone, as in the tracker's acceptance criteria. */
export const PHONE = { width: 360, height: 800, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** Runs `body` with a started browser and prints what it returns as JSON; any failure is
 * printed on stderr and ends the process with status 2, so the Rust side can tell a broken
 * tool from a failed check. */
export async function run(body) {
  let browser;
  try {
    browser = await launch();
    const result = await body(browser);
    process.stdout.write(JSON.stringify(result, null, 1) + '\n');
  } catch (e) {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 2;
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
}

/** Opens `url` in a new page, collecting console errors and uncaught exceptions. */
export async function open(browser, url, viewport = PHONE) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e && e.message ? e.message : e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  await page.setViewport(viewport);
  const response = await page.goto(url, { waitUntil: 'networkidle0' });
  return { page, errors, status: response ? response.status() : 0 };
}
