// What a render measured, read in an isolated world of the render page: it shares the page's DOM but none of its
// JavaScript, so a component that replaces prototypes, globals or the page runtime cannot change what is measured.
// The function is sent to the page as source text (Function.prototype.toString): it must use nothing from outside it.

type Rgba = [number, number, number, number];

export interface Measured {
  documentWidth: number;
  documentHeight: number;
  texts: Array<{ text: string; x: number; y: number; width: number; height: number; color: Rgba; fontSize: number; fontWeight: number; fontFamily: string; tag: string; lines?: Array<{ x: number; y: number; width: number; height: number }> }>;
  elements: Array<{ tag: string; x: number; y: number; width: number; height: number; background: Rgba | null; depth: number }>;
}

export function measurePage(): Measured {
  function parseColor(value: string): Rgba | null {
    const n = value.match(/[\d.]+/g)?.map(Number);
    if (!n || n.length < 3) return null;
    const a = n.length >= 4 ? Math.round(n[3] * 255) : 255;
    return [Math.round(n[0]), Math.round(n[1]), Math.round(n[2]), a];
  }

  /** Fields that show their value or placeholder as a line of text. */
  const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'number']);

  const texts: Measured['texts'] = [];
  const elements: Measured['elements'] = [];
  // Elements too: a field's value or placeholder, and a select's chosen option, are text on screen, in document order
  // with the rest.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  const range = document.createRange();
  const canvas = document.createElement('canvas').getContext('2d');
  for (let node = walker.nextNode(); node && texts.length < 5000; node = walker.nextNode()) {
    if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement) {
      if (node instanceof HTMLInputElement && !TEXT_INPUTS.has(node.type)) continue;
      const shown = node instanceof HTMLSelectElement ? (node.selectedOptions[0]?.text ?? '') : node.value || node.placeholder;
      const placeholder = shown.replace(/\s+/g, ' ').trim();
      if (!placeholder) continue;
      const cs = getComputedStyle(node);
      const ps = node instanceof HTMLSelectElement || node.value ? cs : getComputedStyle(node, '::placeholder');
      if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      const r = node.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // The placeholder has no box of its own: its line starts at the content box and sits centred in a field.
      const left = r.x + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
      const fontSize = parseFloat(cs.fontSize);
      if (canvas) canvas.font = cs.font;
      const width = Math.min(r.width, canvas ? canvas.measureText(placeholder).width : placeholder.length * fontSize * 0.5);
      const height = fontSize * 1.15;
      const top = !(node instanceof HTMLTextAreaElement) ? r.y + (r.height - height) / 2 : r.y + parseFloat(cs.borderTopWidth) + parseFloat(cs.paddingTop);
      texts.push({
        text: placeholder,
        x: left + scrollX, y: top + scrollY, width, height,
        color: parseColor(ps.color) ?? [117, 117, 117, 255],
        fontSize,
        fontWeight: Number(cs.fontWeight) || 400,
        fontFamily: cs.fontFamily,
        tag: node.tagName.toLowerCase(),
      });
      continue;
    }
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent?.replace(/\s+/g, ' ').trim();
    const parent = node.parentElement;
    // A field's own text was counted with the field; a closed select's options are not on screen.
    if (!text || !parent || parent instanceof HTMLTextAreaElement || parent.closest('select')) continue;
    const cs = getComputedStyle(parent);
    if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
    range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    // A text that wraps has a box per line: where its second line stands is not where the text starts.
    const fragments = Array.from(range.getClientRects()).filter((f) => f.width > 0 && f.height > 0);
    texts.push({
      text,
      x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height,
      color: parseColor(cs.color) ?? [0, 0, 0, 255],
      fontSize: parseFloat(cs.fontSize),
      fontWeight: Number(cs.fontWeight) || 400,
      fontFamily: cs.fontFamily,
      tag: parent.tagName.toLowerCase(),
      ...(fragments.length > 1 ? { lines: fragments.map((f) => ({ x: f.x + scrollX, y: f.y + scrollY, width: f.width, height: f.height })) } : {}),
    });
  }
  const visit = (el: Element, depth: number) => {
    if (elements.length >= 5000) return;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      const bg = parseColor(getComputedStyle(el).backgroundColor);
      elements.push({ tag: el.tagName.toLowerCase(), x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height, background: bg && bg[3] > 0 ? bg : null, depth });
    }
    for (const child of Array.from(el.children)) visit(child, depth + 1);
  };
  const container = document.getElementById('root');
  if (container) for (const child of Array.from(container.children)) visit(child, 0);
  const doc = document.documentElement;
  return {
    documentWidth: Math.max(doc.scrollWidth, document.body.scrollWidth),
    documentHeight: Math.max(doc.scrollHeight, document.body.scrollHeight),
    texts,
    elements,
  };
}

