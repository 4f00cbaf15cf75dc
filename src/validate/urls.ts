// URL and CSS checks shared by the policy: what a browser would decode, and which URLs may load or be linked to.

/** Decodes what a browser would: entities, then drops whitespace and control characters a scheme may hide behind. */
export function normaliseUrl(value: string): string {
  const decoded = value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '');
  return decoded.replace(/[\u0000-\u0020\u007f-\u009f\s]+/g, '').toLowerCase();
}

/**
 * Why a URL is refused, or null when it is allowed. A resource load (`src`, style `url()`, …) accepts only relative
 * paths, `#` and `data:image/*`; a link (`<a href>`, which only navigates when clicked) also `https:`, `mailto:`, `tel:`.
 */
export function urlProblem(value: string, { link = false }: { link?: boolean } = {}): string | null {
  const url = normaliseUrl(value);
  if (/^(javascript|vbscript|livescript|file|blob|filesystem):/.test(url)) return `the ${url.split(':')[0]}: scheme is not allowed`;
  if (url.startsWith('data:')) return /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/.test(url) ? null : 'only data:image URLs are allowed';
  if (link && /^(https:\/\/[^/\\]|mailto:|tel:)/.test(url)) return null;
  if (/^[a-z][a-z0-9+.-]*:/.test(url) || url.startsWith('//') || url.startsWith('\\\\') || url.startsWith('/\\')) {
    return link ? 'a link must be relative, #, https:, mailto: or tel:' : 'absolute URLs are not allowed (only relative URLs, # or data:image)';
  }
  return null;
}

/** CSS escapes (`u\\72 l(`) spell `url(` as surely as the letters do. */
export function cssUnescape(value: string): string {
  return value.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gis, (_, hex: string | undefined, ch: string | undefined) => (hex ? String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)) : (ch ?? '')));
}

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)|@import/gi;

/**
 * Why a piece of CSS text (a style value, a CSS module's declaration or at-rule, a Tailwind arbitrary value such as
 * `bg-[url(...)]`) is refused, or null: a url() or image-set() string that is not relative or a data:image, @import,
 * script in styles.
 * Tailwind writes `_` for spaces inside brackets (`bg-[url(_https://x_)]` is `url( https://x )`), so the text is judged
 * as written and with its underscores read as spaces.
 */
export function cssProblem(raw: string): string | null {
  return cssTextProblem(cssUnescape(raw)) ?? (raw.includes('_') ? cssTextProblem(cssUnescape(raw.replace(/_/g, ' '))) : null);
}

function cssTextProblem(value: string): string | null {
  // image-set("a.png" 1x) takes bare strings as URLs.
  for (const set of value.matchAll(/image-set\(([^)]*)\)/gi)) {
    for (const str of (set[1] ?? '').matchAll(/(['"])(.*?)\1/g)) {
      const problem = urlProblem(str[2] ?? '');
      if (problem) return `style image-set(): ${problem}`;
    }
  }
  const opened = (value.match(/url\(/gi) ?? []).length;
  const closed = (value.match(/url\(\s*(['"]?)(.*?)\1\s*\)/gi) ?? []).length;
  if (opened > closed) return 'a style url() must be complete in one literal';
  for (const match of value.matchAll(CSS_URL)) {
    if (match[0].toLowerCase() === '@import') return '@import is not allowed in styles';
    const problem = urlProblem(match[2] ?? '');
    if (problem) return `style url(): ${problem}`;
  }
  if (/expression\s*\(|behavior\s*:|-moz-binding/i.test(value)) return 'script in styles is not allowed';
  return null;
}
