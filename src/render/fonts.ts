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

/** Families whose package is installed, with the folder of their font files. */
export function installedFamilies(): Array<BundledFamily & { dir: string }> {
  return BUNDLED_FAMILIES.flatMap((f) => {
    const dir = packageDir(f.pkg);
    return dir && fs.existsSync(path.join(dir, 'files')) ? [{ ...f, dir }] : [];
  });
}

let cssCache: string | undefined;

/** @font-face rules per family name (each bundled family and each alias), built from each package's own CSS. */
function sheetsByName(): Map<string, string> {
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
    sheetCache.set(f.family, sheets);
    for (const alias of f.aliases) sheetCache.set(alias, sheets.replaceAll(`font-family: '${f.family}'`, `font-family: '${alias}'`));
  }
  return sheetCache;
}
let sheetCache: Map<string, string> | undefined;

/**
 * @font-face rules for every bundled family and alias (their unicode-range subsets, so the page downloads only what
 * its text needs).
 */
export function fontFaceCss(): string {
  cssCache ??= [...sheetsByName().values()].join('\n');
  return cssCache;
}

const subsetCache = new Map<string, string>();

/**
 * The @font-face rules of the families and aliases that `code` names (a component's bundle and its CSS), for a render
 * page: every @font-face rule is work for each new document (near a megabyte of CSS for all of them), and a name the
 * code never writes draws nothing. A name assembled at run time finds the same family through fontconfig.
 */
export function fontFaceCssFor(code: string): string {
  const lower = code.toLowerCase();
  const names = [...sheetsByName().keys()].filter((name) => lower.includes(name.toLowerCase()));
  const key = names.join('\n');
  let css = subsetCache.get(key);
  if (css === undefined) {
    const sheets = sheetsByName();
    css = names.map((name) => sheets.get(name)!).join('\n');
    subsetCache.set(key, css);
  }
  return css;
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
