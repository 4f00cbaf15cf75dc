// The bundled fonts in the dev server: the families ui2code measured with (Arimo behind Arial and Helvetica, Tinos
// behind Times New Roman, …) served under the renderer's own URLs, so the page in `vite dev` draws exactly what the
// check measured on every system. Only the faces a page uses are downloaded (each @font-face has its unicode-range).
import { readFile } from 'node:fs/promises';
import { FONT_URL_PREFIX, fontFaceCss, fontFileFor } from '../src/render/fonts.js';

export const FONTS_CSS_URL = '/__ui2code/fonts.css';

export interface FontReply {
  type: string;
  body: string | Buffer;
}

/** The stylesheet or a font file for a request path, or null when the path is not ours. */
export async function serveFont(pathname: string): Promise<FontReply | null> {
  if (pathname === FONTS_CSS_URL) return { type: 'text/css; charset=utf-8', body: fontFaceCss() };
  if (!pathname.startsWith(FONT_URL_PREFIX)) return null;
  const file = fontFileFor(pathname);
  const body = file ? await readFile(file).catch(() => null) : null;
  return body ? { type: file!.endsWith('.woff2') ? 'font/woff2' : 'font/woff', body } : null;
}
