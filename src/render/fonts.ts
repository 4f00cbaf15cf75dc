// The render engine's fonts: families shipped from npm (@fontsource), served to the page as @font-face, and, on Linux,
// made the only fonts Chromium's fontconfig can see, so generic families and fallbacks resolve to them on every machine.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

export interface BundledFamily {
  family: string;
  pkg: string;
  /** Family names that resolve to this one (metric-compatible or close substitutes). */
  aliases: string[];
}

/** Every family the engine renders with. Aliases make components written for system fonts render the same everywhere. */
export const BUNDLED_FAMILIES: BundledFamily[] = [
  { family: 'Arimo', pkg: '@fontsource/arimo', aliases: ['Arial', 'Helvetica', 'Helvetica Neue', 'Liberation Sans'] },
  { family: 'Tinos', pkg: '@fontsource/tinos', aliases: ['Times New Roman', 'Times', 'Liberation Serif'] },
  { family: 'Cousine', pkg: '@fontsource/cousine', aliases: ['Courier New', 'Courier', 'Liberation Mono'] },
  { family: 'Inter', pkg: '@fontsource/inter', aliases: ['Segoe UI', '-apple-system', 'BlinkMacSystemFont', 'SF Pro Text'] },
  { family: 'Roboto', pkg: '@fontsource/roboto', aliases: [] },
  { family: 'Open Sans', pkg: '@fontsource/open-sans', aliases: [] },
  { family: 'Lato', pkg: '@fontsource/lato', aliases: [] },
  { family: 'Montserrat', pkg: '@fontsource/montserrat', aliases: [] },
  { family: 'Poppins', pkg: '@fontsource/poppins', aliases: [] },
  { family: 'Source Sans 3', pkg: '@fontsource/source-sans-3', aliases: ['Source Sans Pro'] },
  { family: 'Noto Sans', pkg: '@fontsource/noto-sans', aliases: [] },
  { family: 'DejaVu Sans', pkg: '@fontsource/dejavu-sans', aliases: ['Verdana', 'Bitstream Vera Sans'] },
  { family: 'DejaVu Serif', pkg: '@fontsource/dejavu-serif', aliases: ['Bitstream Vera Serif'] },
];

/**
 * The font stack generated code writes for a bundled family: names that exist on the user's machine first (each one an
 * alias the renderer maps to the bundled family, so the first name draws exactly what was measured), a generic last.
 */
const FONT_STACKS: Record<string, string[]> = {
  Arimo: ['Arial', 'Helvetica', 'sans-serif'],
  Tinos: ['Times New Roman', 'Times', 'serif'],
  Cousine: ['Courier New', 'Courier', 'monospace'],
  Inter: ['Inter', 'system-ui', 'sans-serif'],
  'DejaVu Sans': ['DejaVu Sans', 'Verdana', 'sans-serif'],
  'DejaVu Serif': ['DejaVu Serif', 'Georgia', 'serif'],
};

const GENERIC_NAMES = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui']);

/** A family's CSS font stack (`Arial, Helvetica, sans-serif` for Arimo); families we don't know end in sans-serif. */
export function fontStack(family: string): string {
  const names = FONT_STACKS[family] ?? [family, 'sans-serif'];
  return names.map((n) => (GENERIC_NAMES.has(n) || /^[\w-]+$/.test(n) ? n : `'${n}'`)).join(', ');
}

/** What the CSS generic families resolve to. */
export const GENERIC_FAMILIES = { 'sans-serif': 'Arimo', serif: 'Tinos', monospace: 'Cousine', 'system-ui': 'Inter' } as const;

export const FONT_URL_PREFIX = '/__ui2code/fonts/';

const require = createRequire(import.meta.url);

function packageDir(pkg: string): string | null {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return null;
  }
}

/** Families whose package is installed, with the folder of their font files (looked up once: each font request asks). */
export function installedFamilies(): Array<BundledFamily & { dir: string }> {
  installed ??= BUNDLED_FAMILIES.flatMap((f) => {
    const dir = packageDir(f.pkg);
    return dir && fs.existsSync(path.join(dir, 'files')) ? [{ ...f, dir }] : [];
  });
  return installed;
}
let installed: Array<BundledFamily & { dir: string }> | undefined;

let cssCache: string | undefined;

/** One @font-face rule and the code points it serves (null: every code point). */
interface Face {
  css: string;
  ranges: Array<[number, number]> | null;
}

/** `U+0000-00FF,U+0131` → [[0, 255], [305, 305]]; null when the rule has no unicode-range. */
export function unicodeRanges(rule: string): Array<[number, number]> | null {
  const range = /unicode-range:\s*([^;}]+)/.exec(rule);
  if (!range) return null;
  return range[1].split(',').map((part) => {
    const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from.replaceAll('?', '0'), 16), parseInt(to.replaceAll('?', 'F'), 16)] as [number, number];
  });
}

/**
 * A package's rules, each source but the WOFF2 dropped: Chromium always takes the WOFF2, yet a new document makes a
 * resource for every URL of every rule (about 0.2 ms of renderer time each), so the WOFF fallback only costs.
 */
function facesOf(sheets: string, fileExists: (name: string) => boolean): Face[] {
  return (sheets.match(/@font-face\s*{[^}]*}/g) ?? []).map((rule) => {
    const woff2 = /url\(([^)]+\.woff2)\) format\('woff2'\)/.exec(rule);
    const css = woff2 && fileExists(path.basename(woff2[1])) ? rule.replace(/(format\('woff2'\)),\s*url\([^)]+\.woff\) format\('woff'\)/, '$1') : rule;
    return { css, ranges: unicodeRanges(rule) };
  });
}

/**
 * A family's rule declared under an alias. Its files get addresses of their own (the alias in the query): after a
 * document that declared two faces on one address and drew with the first (`Arial, Helvetica`, the stacks generated
 * code writes), every later document fetched and decoded the file again (225 font requests for 10 files over the 70
 * local-engine renders; 10 with an address per alias).
 */
export function aliasFace(css: string, family: string, alias: string): string {
  return css
    .replaceAll(`font-family: '${family}'`, `font-family: '${alias}'`)
    .replace(/url\(([^)]+\.woff2?)\)/g, (_, url: string) => `url(${url}?as=${encodeURIComponent(alias)})`);
}

/** @font-face rules per family name (each bundled family and each alias), built from each package's own CSS. */
function facesByName(): Map<string, Face[]> {
  if (sheetCache) return sheetCache;
  sheetCache = new Map();
  for (const f of installedFamilies()) {
    const slug = f.pkg.split('/')[1];
    const sheets = fs
      .readdirSync(f.dir)
      .filter((name) => /^\d+(-italic)?\.css$/.test(name))
      .sort()
      .map((name) => fs.readFileSync(path.join(f.dir, name), 'utf8'))
      .join('\n')
      .replaceAll('url(./files/', `url(${FONT_URL_PREFIX}${slug}/`)
      .replaceAll('font-display: swap', 'font-display: block');
    const faces = facesOf(sheets, (name) => fs.existsSync(path.join(f.dir, 'files', name)));
    sheetCache.set(f.family, faces);
    for (const alias of f.aliases) sheetCache.set(alias, faces.map((face) => ({ ...face, css: aliasFace(face.css, f.family, alias) })));
  }
  return sheetCache;
}
let sheetCache: Map<string, Face[]> | undefined;

/**
 * @font-face rules for every bundled family and alias (their unicode-range subsets, so the page downloads only what
 * its text needs).
 */
export function fontFaceCss(): string {
  cssCache ??= [...facesByName().values()].map((faces) => faces.map((face) => face.css).join('\n')).join('\n');
  return cssCache;
}

/**
 * Text a component can put on screen without writing its characters: made from numbers or markup at run time,
 * formatted for a locale, or list and counter markers in other scripts. Such code keeps every subset.
 */
const RUNTIME_TEXT =
  /fromCharCode|fromCodePoint|toLocale|Intl\.|normalize\(|atob|TextDecoder|decodeURI|unescape|innerHTML|outerHTML|insertAdjacentHTML|DOMParser|createContextualFragment|document\.write|srcdoc|&[a-z][a-z0-9]*;|lang\b|greek|armenian|georgian|hebrew|cjk|hiragana|katakana|hangul|korean|japanese|chinese|ethiopic|arabic|persian|bengali|devanagari|gujarati|gurmukhi|kannada|khmer|\blao\b|malayalam|mongolian|myanmar|oriya|tamil|telugu|thai|tibetan|disclosure|circle|square|counter/i;

/**
 * Code points a component's text can hold: the code's own characters, those its JavaScript and CSS escapes and its
 * numeric character references stand for (a decoded guess that is no escape only adds a subset), and the Latin ones
 * the browser draws by itself (numbers, ellipses, quotes, case mapping) or a page makes at run time.
 */
export function codePointsOf(code: string): Set<number> {
  const points = new Set<number>();
  for (const ch of code) points.add(ch.codePointAt(0)!);
  for (const m of code.matchAll(/\\u\{([0-9a-f]{1,6})\}|\\u([0-9a-f]{4})|\\x([0-9a-f]{2})|\\([0-9a-f]{1,6})|&#x([0-9a-f]{1,6});?|&#([0-9]{1,7});?/gi)) {
    const [, brace, u4, x2, css, hexRef, decRef] = m;
    const hex = brace ?? u4 ?? x2 ?? css ?? hexRef;
    const point = hex !== undefined ? parseInt(hex, 16) : parseInt(decRef, 10);
    if (point <= 0x10ffff) points.add(point);
  }
  // Always the Latin and Latin Extended subsets: printable ASCII, and a Latin Extended letter (U+0130, İ).
  for (let c = 0x20; c < 0x7f; c++) points.add(c);
  points.add(0x130);
  return points;
}

const serves = (face: Face, points: number[]) => !face.ranges || points.some((c) => face.ranges!.some(([from, to]) => c >= from && c <= to));

/**
 * The @font-face rules a component's code (its bundle and its CSS) can use, for a render page: every rule's URL is
 * work for each new document (hundreds of rules per family, counting the subsets of every weight), so only the
 * families and aliases the code names, and of those only the subsets that serve a character the code holds. Every
 * character the code holds is served by the same rules as with all of them; code that makes text at run time keeps
 * every subset (RUNTIME_TEXT). A name assembled at run time finds the same family through fontconfig.
 */
export function fontFaceCssFor(code: string): string {
  const lower = code.toLowerCase();
  const byName = facesByName();
  const names = [...byName.keys()].filter((name) => lower.includes(name.toLowerCase()));
  if (!names.length) return '';
  const faces = names.flatMap((name) => byName.get(name)!);
  const points = RUNTIME_TEXT.test(code) ? null : [...codePointsOf(code)];
  return faces
    .filter((face) => !points || serves(face, points))
    .map((face) => face.css)
    .join('\n');
}

/** The font file behind a URL path the page asked for, or null when it is not one of ours. */
export function fontFileFor(urlPath: string): string | null {
  if (!urlPath.startsWith(FONT_URL_PREFIX)) return null;
  const [slug, file, ...rest] = urlPath.slice(FONT_URL_PREFIX.length).split('/');
  if (rest.length || !file || !/^[\w.-]+\.woff2?$/.test(file)) return null;
  const family = installedFamilies().find((f) => f.pkg === `@fontsource/${slug}`);
  return family ? path.join(family.dir, 'files', file) : null;
}

const xml = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * WOFF 1.0 → TrueType/OpenType: fontconfig and Chromium's FreeType read plain sfnt files reliably, WOFF not, so the
 * bundled fonts are unpacked once into the temp folder. (A WOFF is the sfnt's tables, each optionally zlib-deflated.)
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw };
  });
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(woff.readUInt32BE(4), 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16);
    header.writeUInt32BE(t.checksum, 16 + i * 16);
    header.writeUInt32BE(offset, 20 + i * 16);
    header.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    chunks.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(chunks);
}

/**
 * A fontconfig file that lists only the bundled fonts (latin subsets, unpacked to TrueType), maps generics and the usual
 * system names to them, and fixes hinting and antialiasing: Chromium launched with FONTCONFIG_FILE pointing at it
 * renders the same text on every Linux box. Returns the file's path (written once per content into the temp folder).
 */
export function fontconfigFile(): string {
  const families = installedFamilies();
  const aliasOf = (name: string, target: string) =>
    `  <match target="pattern"><test name="family"><string>${xml(name)}</string></test>` +
    `<edit name="family" mode="assign" binding="strong"><string>${xml(target)}</string></edit></match>`;
  const sources = families.flatMap((f) =>
    fs
      .readdirSync(path.join(f.dir, 'files'))
      .filter((name) => /-latin(-ext)?-\d+-(normal|italic)\.woff$/.test(name))
      .map((name) => path.join(f.dir, 'files', name)),
  );
  const hash = createHash('sha256').update(JSON.stringify([sources, BUNDLED_FAMILIES, GENERIC_FAMILIES, 2])).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `ui2code-fonts-${hash}`);
  const file = path.join(dir, 'fonts.conf');
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'cache'), { recursive: true });
  for (const source of sources) {
    fs.writeFileSync(path.join(dir, 'fonts', path.basename(source).replace(/\.woff$/, '.ttf')), woffToSfnt(fs.readFileSync(source)));
  }
  const body = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <dir>${xml(path.join(dir, 'fonts'))}</dir>`,
    `  <cachedir>${xml(path.join(dir, 'cache'))}</cachedir>`,
    ...Object.entries(GENERIC_FAMILIES).map(([generic, target]) => aliasOf(generic, target)),
    ...families.flatMap((f) => f.aliases.map((a) => aliasOf(a, f.family))),
    // Any family we do not ship falls back to the bundled sans-serif, not to whatever sorts first.
    `  <match target="pattern"><edit name="family" mode="append_last"><string>${GENERIC_FAMILIES['sans-serif']}</string></edit></match>`,
    '  <match target="font">',
    '    <edit name="antialias" mode="assign"><bool>true</bool></edit>',
    '    <edit name="hinting" mode="assign"><bool>false</bool></edit>',
    '    <edit name="hintstyle" mode="assign"><const>hintnone</const></edit>',
    '    <edit name="rgba" mode="assign"><const>none</const></edit>',
    '    <edit name="lcdfilter" mode="assign"><const>lcdnone</const></edit>',
    '    <edit name="embeddedbitmap" mode="assign"><bool>false</bool></edit>',
    '  </match>',
    '</fontconfig>',
  ];
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, body.join('\n'));
  fs.renameSync(tmp, file);
  return file;
}
