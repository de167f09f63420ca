// How a page sits on small phones. Usage: node layout.mjs URL. For each screen it reports the
// page's scroll width against the screen's width (horizontal scrolling), the elements that
// stick out, the size of every tel: button, and the smallest text on the page.
// "large text" doubles the root font size, as a phone's largest font setting does.
import { open, run } from './lib.mjs';

const url = process.argv[2];
const SCREENS = [
  { name: '360x800', viewport: { width: 360, height: 800, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: '320 wide', viewport: { width: 320, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: '320 wide, large text', viewport: { width: 320, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, textScale: 2 },
];

function measure(textScale) {
  const root = document.documentElement;
  if (textScale !== 1) {
    root.style.fontSize = `${parseFloat(getComputedStyle(root).fontSize) * textScale}px`;
  }
  const width = root.clientWidth;
  const sticking = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5) && !el.closest('.vh, .skip')) {
      sticking.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
  }
  const calls = [...document.querySelectorAll('a[href^="tel:"]')].map((a) => {
    const box = a.getBoundingClientRect();
    return { text: a.textContent.trim().replace(/\s+/g, ' '), width: Math.round(box.width), height: Math.round(box.height) };
  });
  // The smallest font of any element that shows text of its own.
  let smallest = { px: Infinity, text: '' };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('.vh, .skip, [hidden], [aria-hidden="true"]')) continue;
    if (!el.getClientRects().length) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < smallest.px) smallest = { px, text: node.textContent.trim().slice(0, 40) };
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, sticking: sticking.slice(0, 20), calls, smallestText: smallest };
}

await run(async (browser) => {
  const screens = [];
  let errors = [];
  for (const screen of SCREENS) {
    const opened = await open(browser, url, screen.viewport);
    errors = errors.concat(opened.errors);
    screens.push({ screen: screen.name, ...(await opened.page.evaluate(measure, screen.textScale || 1)) });
    await opened.page.close();
  }
  return { url, screens, errors };
});
