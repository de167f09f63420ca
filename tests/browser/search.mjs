// Types each query into the search box of URL, key by key as a person would, and reports what
// the page then shows. Usage: node search.mjs URL QUERY... Prints
// [{query, status, results: [{name, href, text}]}], plus the page's console errors.
import { open, run } from './lib.mjs';

const [url, ...queries] = process.argv.slice(2);

await run(async (browser) => {
  const { page, errors } = await open(browser, url);
  const searches = [];
  for (const query of queries) {
    await page.click('#q', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type('#q', query, { delay: 40 });
    // The script waits for a pause in typing, then marks the form aria-busy="false" once the
    // list answers what is in the box.
    await page.waitForFunction(
      () => document.querySelector('form.search').getAttribute('aria-busy') === 'false',
      { timeout: 10000 },
    );
    searches.push(await page.evaluate((q) => ({
      query: q,
      status: document.querySelector('.search [role=status]').textContent,
      results: [...document.querySelectorAll('.search-results a')].map((a) => ({
        name: a.querySelector('.r-name').textContent,
        href: a.getAttribute('href'),
        text: a.textContent,
      })),
    }), query));
  }
  return { url, searches, errors };
});
