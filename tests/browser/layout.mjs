// How a page sits on small phones. Usage: node layout.mjs URL. For each screen it reports the
// page's scroll width against the screen's width (horizontal scrolling), the elements that
// stick out, the size of every tel: button, the smallest text on the page, and the text
// squeezed into a column too narrow to read ("narrow": text of two characters or more set one
// character a line, such as a name in a card beside a photo).
// "large text" doubles the root font size, as a phone's largest font setting does.
import { open, run } from './lib.mjs';

const url = process.argv[2];
const SCREENS = [
  { name: '360x800', viewport: { width: 360, height: 800, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: '320 wide', viewport: { width: 320, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: '360x800, large text', viewport: { width: 360, height: 800, deviceScaleFactor: 2, isMobile: true, hasTouch: true }, textScale: 2 },
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
  // Text set one character a line: a text node of two characters or more whose every line box
  // is narrower than two of its characters, in a block less than three characters wide. (A
  // word that wraps at the end of a wide line is not this, nor is text visually hidden for
  // screen readers in a one-pixel box.)
  const narrow = [];
  const lines = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = lines.nextNode(); node; node = lines.nextNode()) {
    const text = node.textContent.replace(/\s+/g, '');
    const el = node.parentElement;
    if ([...text].length < 2 || !el || el.closest('.vh, .skip, [hidden], [aria-hidden="true"], svg')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const px = parseFloat(getComputedStyle(el).fontSize);
    let block = el;
    while (block.parentElement && /^(inline|contents)/.test(getComputedStyle(block).display)) block = block.parentElement;
    const style = getComputedStyle(block);
    const room = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (boxes.length >= 2 && boxes.every((r) => r.width < 1.8 * px) && room < 3 * px && block.clientWidth > 2) {
      const box = el.getBoundingClientRect();
      narrow.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} "${text.slice(0, 20)}" in ${boxes.length} lines, ${Math.round(box.width)} px wide`);
    }
  }
  return { scrollWidth: root.scrollWidth, clientWidth: width, sticking: sticking.slice(0, 20), calls, smallestText: smallest, narrow: narrow.slice(0, 20) };
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
