// axe-core, every rule it runs by default (WCAG 2.0–2.2 A and AA, best practices), on each URL
// given, at phone size. Prints [{url, violations: [{id, impact, help, targets}], errors}].
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { open, run } from './lib.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

await run(async (browser) => {
  const reports = [];
  for (const url of process.argv.slice(2)) {
    const { page, errors, status } = await open(browser, url);
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document));
    reports.push({
      url,
      status,
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')),
      })),
      errors,
    });
    await page.close();
  }
  return reports;
});
