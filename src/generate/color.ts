// CSS colours as numbers: parsing the forms themes and emitters write (hex, rgb(), oklch()), and OKLab for distances.
// Tailwind v4's palette is written in oklch; matching a measured sRGB colour to it needs the conversion both ways.

export type Rgba = [r: number, g: number, b: number, a: number];

const clamp255 = (x: number) => Math.max(0, Math.min(255, Math.round(x)));
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const fromLinear = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/** OKLab (L 0..1) from sRGB 0..255 (Björn Ottosson's matrices). */
export function rgbToOklab([r, g, b]: readonly number[]): [number, number, number] {
  const [lr, lg, lb] = [r, g, b].map((c) => toLinear(c / 255));
  const l = Math.cbrt(0.4122214708 * lr + 0.5363137081 * lg + 0.0514459929 * lb);
  const m = Math.cbrt(0.2119034982 * lr + 0.6806995451 * lg + 0.1073969566 * lb);
  const s = Math.cbrt(0.0883024619 * lr + 0.2817188376 * lg + 0.6299787005 * lb);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** sRGB 0..255 (clipped to the gamut, as Chromium paints it) from OKLCH. */
export function oklchToRgb(lightness: number, chroma: number, hueDegrees: number): [number, number, number] {
  const h = (hueDegrees * Math.PI) / 180;
  const a = chroma * Math.cos(h), b = chroma * Math.sin(h);
  const l = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3;
  const m = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3;
  const s = (lightness - 0.0894841775 * a - 1.291485548 * b) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  return linear.map((c) => clamp255(fromLinear(Math.max(0, Math.min(1, c))) * 255)) as [number, number, number];
}

const NAMED: Record<string, Rgba> = { black: [0, 0, 0, 1], white: [255, 255, 255, 1], transparent: [0, 0, 0, 0] };

const number = (text: string, percentOf = 1) => (text.endsWith('%') ? (parseFloat(text) / 100) * percentOf : parseFloat(text));

/** A colour from `#rgb[a]`, `#rrggbb[aa]`, `rgb[a](…)`, `oklch(…)` or black/white/transparent; undefined for anything else. */
export function parseColor(text: string): Rgba | undefined {
  const value = text.trim().toLowerCase();
  if (NAMED[value]) return [...NAMED[value]] as Rgba;
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
  if (hex && [3, 4, 6, 8].includes(hex.length)) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const parts = full.match(/../g)!.map((h) => parseInt(h, 16));
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] / 255 : 1];
  }
  const fn = /^(rgba?|oklch)\(\s*([^)]*)\)$/.exec(value);
  if (!fn) return undefined;
  const [channels, alphaText] = fn[2].split('/').map((s) => s.trim());
  const parts = channels.split(/[\s,]+/).filter(Boolean);
  const alphaPart = alphaText ?? (parts.length === 4 ? parts.pop() : undefined);
  if (parts.length !== 3 || parts.some((p) => Number.isNaN(parseFloat(p)))) return undefined;
  const alpha = alphaPart === undefined ? 1 : number(alphaPart);
  if (fn[1] === 'oklch') return [...oklchToRgb(number(parts[0]), number(parts[1], 0.4), parseFloat(parts[2])), alpha];
  return [clamp255(number(parts[0], 255)), clamp255(number(parts[1], 255)), clamp255(number(parts[2], 255)), alpha];
}

export const toHex = ([r, g, b, a = 1]: readonly number[]) =>
  `#${[r, g, b].map((c) => clamp255(c).toString(16).padStart(2, '0')).join('')}${a < 1 ? clamp255(a * 255).toString(16).padStart(2, '0') : ''}`;

/** Euclidean distance in OKLab: about 0.02 is the smallest difference people notice side by side. */
export function colorDistance(a: readonly number[], b: readonly number[]): number {
  const [l1, a1, b1] = rgbToOklab(a), [l2, a2, b2] = rgbToOklab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}
