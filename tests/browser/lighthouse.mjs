// Lighthouse (mobile profile, simulated slow 4G and CPU throttling) on each URL given.
// Prints [{url, scores: {performance, accessibility, best-practices, seo}, failing: [...]}],
// scores from 0 to 100; `failing` lists every scored audit below full marks, to explain a score.
import lighthouse from 'lighthouse';
import { run } from './lib.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

await run(async (browser) => {
  const reports = [];
  for (const url of process.argv.slice(2)) {
    const page = await browser.newPage();
    const result = await lighthouse(url, {
      logLevel: 'error',
      output: 'json',
      onlyCategories: CATEGORIES,
      formFactor: 'mobile',
      throttlingMethod: 'simulate',
    }, undefined, page);
    await page.close();
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = {};
    const failing = [];
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({ category: id, id: ref.id, title: audit.title, score: audit.score, value: audit.displayValue || '' });
        }
      }
    }
    reports.push({ url, scores, failing, warnings: lhr.runWarnings });
  }
  return reports;
});
