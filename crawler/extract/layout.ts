// Layout marks for rendered pages. annotateLayout() runs INSIDE the page (Playwright's
// page.evaluate(annotateLayout)) before page.content(), and writes what only a browser knows into
// data attributes, so extract() stays a pure function over HTML:
//   data-rw-hidden  on the outermost element that is not shown (display:none, visibility:hidden,
//                   opacity 0, or a zero-size box with overflow hidden);
//   data-rw-strike  on the outermost element drawn with a line-through;
//   data-rw-box="x,y,w,h,fontSize"  on elements whose own text holds a digit or a currency sign,
//                   and on h1 and buttons: page coordinates in CSS pixels, font size in px.
// It also escapes "</script" inside JSON script blocks as "<\/script" (the same JSON): a page's
// script may write a product name holding that text into JSON-LD, and page.content() would
// serialize it so that the HTML parser ends the block there and the JSON is lost.
// It must be self-contained (Playwright serializes the function text: no imports, no closures over
// module scope) and linear in the page size: one computed style per element, one rect per marked one.

/** The attribute names annotateLayout writes (it spells them out itself: it runs in the page). */
export const LAYOUT_ATTRIBUTES = { hidden: 'data-rw-hidden', strike: 'data-rw-strike', box: 'data-rw-box' } as const;

export function annotateLayout(): void {
  const MAX_BOXES = 20000;
  const marked = /[\d$€£¥￥₹₩₽₺₫₱฿]/;
  const doc = document;
  const scrollX = window.scrollX;
  const scrollY = window.scrollY;
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'META', 'LINK', 'SVG']);
  let boxes = 0;
  for (const script of Array.from(doc.querySelectorAll('script'))) {
    const text = script.textContent ?? '';
    if (/json/i.test(script.type) && /<\/script/i.test(text)) script.textContent = text.replace(/<\/(script)/gi, '<\\/$1');
  }
  // Iterative walk with the inherited states, so deep pages cannot overflow the stack.
  const stack: { el: Element; hidden: boolean; struck: boolean }[] = [];
  if (doc.body) stack.push({ el: doc.body, hidden: false, struck: false });
  while (stack.length) {
    const { el, hidden, struck } = stack.pop()!;
    if (skip.has(el.tagName.toUpperCase())) continue;
    let isHidden = hidden;
    let isStruck = struck;
    if (!hidden) {
      const style = getComputedStyle(el);
      const invisible = style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse' || style.opacity === '0';
      let zeroBox = false;
      if (!invisible && (style.overflow === 'hidden' || style.overflow === 'clip') && style.position !== 'absolute') {
        const r = el.getBoundingClientRect();
        zeroBox = r.width === 0 || r.height === 0;
      }
      if (invisible || zeroBox) {
        el.setAttribute('data-rw-hidden', '');
        isHidden = true;
      } else {
        if (!struck && style.textDecorationLine.includes('line-through')) {
          el.setAttribute('data-rw-strike', '');
          isStruck = true;
        }
        if (boxes < MAX_BOXES) {
          let own = '';
          for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) own += n.nodeValue ?? '';
          const tag = el.tagName.toUpperCase();
          if (tag === 'H1' || tag === 'BUTTON' || (own.trim() && marked.test(own))) {
            const r = el.getBoundingClientRect();
            const font = parseFloat(style.fontSize) || 0;
            el.setAttribute('data-rw-box', `${Math.round(r.left + scrollX)},${Math.round(r.top + scrollY)},${Math.round(r.width)},${Math.round(r.height)},${Math.round(font * 10) / 10}`);
            boxes++;
          }
        }
      }
    }
    // Inside a hidden element everything is hidden: no need to style-check the subtree.
    if (isHidden) continue;
    const children = el.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ el: children[i], hidden: isHidden, struck: isStruck });
  }
}
