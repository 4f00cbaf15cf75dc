// Word mending: OCR joins words ("Signin"), splits them ("Sub mit"), and confuses
// letter shapes ("leam" for "learn", "Halic" for "Italic"). Each line's words are checked against a list of common and
// UI words (words.ts) and the words the same design reads with high confidence elsewhere; a word that is not known is
// mended only when one known reading stands out. Conservative by design: known words, numbers, prices, emails, URLs,
// camelCase names and anything with digits or inner punctuation stay as read.
import { UI_WORDS } from './words.js';

export interface MendWord {
  text: string;
  confidence: number;
}

export interface MendableLine {
  text: string;
  confidence: number;
  /** Tesseract's words of the line with their own confidence, in order, when known. */
  words?: MendWord[];
}

/** Confidence at or above which a design's word counts as read correctly (its other occurrences may be mended to it). */
const SURE = 90;

/**
 * Letter shapes tesseract takes for one another: what it read → what may have been drawn. The strong ones are tried
 * first: glyphs that touch or split ("rn" and "m", "It" and "H", "cl" or "rl" and "d") and the thin uprights (l, i, I).
 */
const STRONG: Array<[string, string]> = [
  ['m', 'rn'], ['rn', 'm'], ['h', 'it'], ['h', 'li'], ['li', 'h'], ['cl', 'd'], ['d', 'cl'], ['d', 'rl'], ['vv', 'w'], ['w', 'vv'],
  ['ri', 'n'], ['n', 'ri'], ['l', 'i'], ['i', 'l'], ['nn', 'm'], ['m', 'nn'], ['ii', 'u'],
];
const WEAK: Array<[string, string]> = [
  ['l', 't'], ['t', 'l'], ['c', 'e'], ['e', 'c'], ['a', 'o'], ['o', 'a'], ['u', 'v'], ['v', 'u'], ['f', 't'], ['t', 'f'],
  ['ll', 'h'], ['j', 'i'], ['q', 'g'], ['g', 'q'],
];

/** Two-letter words a joined word may end or start with ("Signin", "Contactus"): other short parts are too easy to find. */
const SHORT_PARTS = new Set(['in', 'up', 'on', 'to', 'us', 'me', 'of', 'at', 'by', 'my', 'or', 'an', 'no', 'is', 'it', 'we', 'do', 'go']);

export class Vocabulary {
  private readonly design = new Set<string>();

  constructor(lines: MendableLine[] = [], private readonly base: ReadonlySet<string> = UI_WORDS) {
    for (const line of lines) {
      for (const { text, confidence } of wordsOf(line)) {
        const core = coreOf(text)?.core.toLowerCase();
        if (core && confidence >= SURE && core.length >= 3 && /^\p{L}+$/u.test(core)) this.design.add(core);
      }
    }
  }

  /** Listed (or a plain inflection of a listed word), or read with confidence in the design. */
  known(word: string): boolean {
    const w = word.toLowerCase();
    return this.listed(w) || this.design.has(w);
  }

  listed(w: string): boolean {
    if (this.base.has(w)) return true;
    const stems = [
      w.endsWith('s') && w.slice(0, -1), w.endsWith('es') && w.slice(0, -2), w.endsWith('ed') && w.slice(0, -2), w.endsWith('ed') && w.slice(0, -1),
      w.endsWith('ing') && w.slice(0, -3), w.endsWith('ing') && `${w.slice(0, -3)}e`, w.endsWith('ly') && w.slice(0, -2), w.endsWith('er') && w.slice(0, -2),
      w.endsWith('ies') && `${w.slice(0, -3)}y`, w.endsWith("'s") && w.slice(0, -2),
      /(.)\1(ing|ed)$/.test(w) && w.replace(/(.)\1(ing|ed)$/, '$1'),
    ];
    return stems.some((s) => typeof s === 'string' && s.length >= 2 && this.base.has(s));
  }

  /** A word the design itself reads with confidence (weighs a close call toward it). */
  inDesign(w: string): boolean {
    return this.design.has(w.toLowerCase());
  }
}

function wordsOf(line: MendableLine): MendWord[] {
  const tokens = line.text.split(/\s+/).filter(Boolean);
  if (line.words && line.words.length === tokens.length) return line.words;
  return tokens.map((text) => ({ text, confidence: line.confidence }));
}

/** A token's leading punctuation, its word, and trailing punctuation; null when the middle is not plain letters. */
function coreOf(token: string): { lead: string; core: string; trail: string } | null {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token);
  if (!m || !/^\p{L}+$/u.test(m[2])) return null;
  return { lead: m[1], core: m[2], trail: m[3] };
}

type Shape = 'lower' | 'capital' | 'upper' | 'mixed';
/** Lowercase, Capitalised, UPPER or miXed; an inner l or I says nothing (OCR takes one for the other: "SETTlNGS"). */
const shapeOf = (word: string): Shape => {
  const w = word[0] + word.slice(1).replace(/[lI]/g, '');
  return w === w.toLowerCase() ? 'lower' : w === w.toUpperCase() ? (w.length > 1 ? 'upper' : 'capital') : w.slice(1) === w.slice(1).toLowerCase() ? 'capital' : 'mixed';
};
const inShape = (w: string, shape: Shape) => (shape === 'upper' ? w.toUpperCase() : shape === 'capital' ? w[0].toUpperCase() + w.slice(1) : w);

/** Every word one or two confusions away from `w` (lowercase). */
function confused(w: string, depth: number, rules: Array<[string, string]>): Set<string> {
  const out = new Set<string>();
  let frontier = [w];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (const [from, to] of rules) {
        for (let i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + 1)) {
          const v = s.slice(0, i) + to + s.slice(i + from.length);
          if (v !== w && !out.has(v)) (out.add(v), next.push(v));
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Every word one plain edit (substitution, insertion, deletion) away from `w`. */
function edited(w: string): Set<string> {
  const out = new Set<string>();
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i <= w.length; i++) {
    for (const c of letters) {
      out.add(w.slice(0, i) + c + w.slice(i));
      if (i < w.length) out.add(w.slice(0, i) + c + w.slice(i + 1));
    }
    if (i < w.length) out.add(w.slice(0, i) + w.slice(i + 1));
  }
  out.delete(w);
  return out;
}

/** The one known word among the candidates (a design word wins a tie against listed ones); null when none or several. */
function single(candidates: Iterable<string>, vocab: Vocabulary): string | null {
  const known = [...candidates].filter((c) => c.length >= 2 && vocab.known(c));
  if (known.length === 1) return known[0];
  const design = known.filter((c) => vocab.inDesign(c));
  return design.length === 1 ? design[0] : null;
}

/** A word one confusion (or, for a long lowercase word read with low confidence, one plain edit) from a known one. */
function respelled(w: string, shape: Shape, confidence: number, vocab: Vocabulary): string | null {
  if (w.length < 4) return null;
  const strong = single(confused(w, 1, STRONG), vocab);
  if (strong) return strong;
  const any = single(confused(w, 1, [...STRONG, ...WEAK]), vocab);
  if (any) return any;
  const two = w.length >= 5 ? single(confused(w, 2, [...STRONG, ...WEAK]), vocab) : null;
  if (two) return two;
  if (shape === 'lower' && w.length >= 5 && confidence < 80) return single(edited(w), vocab);
  return null;
}

/** A joined pair of words split in two known parts ("signin" → "sign in"); the longer part may need one respelling. */
function split(w: string, shape: Shape, confidence: number, vocab: Vocabulary): [string, string] | null {
  if (w.length < 5 || shape === 'mixed') return null;
  const exact: Array<[string, string]> = [];
  const mended: Array<[string, string]> = [];
  for (let i = 2; i <= w.length - 2; i++) {
    const a = w.slice(0, i), b = w.slice(i);
    const ok = (p: string) => (p.length === 2 ? SHORT_PARTS.has(p) : p.length >= 3 && vocab.known(p));
    // A capitalised word may be a name ("Offshare" was "Offshore"): it is split only off a particle, as in "Signin".
    if (ok(a) && ok(b) && (shape === 'lower' || a.length === 2 || b.length === 2)) {
      exact.push([a, b]);
      continue;
    }
    // A lowercase join already reads wrong, so its longer part may take one plain edit ("accountlpgin"), beside a
    // known part of four letters or more (a short one is found in too many words: "selection" is no "selects on").
    if (shape !== 'lower') continue;
    if (ok(a) && a.length >= 4 && b.length >= 5) {
      const r = respelled(b, 'lower', 0, vocab);
      if (r) mended.push([a, r]);
    } else if (ok(b) && b.length >= 4 && a.length >= 5) {
      const r = respelled(a, 'lower', 0, vocab);
      if (r) mended.push([r, b]);
    }
  }
  // The article joined to its noun ("Ayear"): a one-letter part only as "a".
  if (w[0] === 'a' && w.length >= 4 && vocab.known(w.slice(1))) exact.push(['a', w.slice(1)]);
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return null;
  return mended.length === 1 ? mended[0] : null;
}

/**
 * The mended word for one token, or the token unchanged. Only words tesseract is unsure of are candidates: on the
 * bench designs its misreads ("accountlpgin" 60, "Leam" 83) sit below SURE, while real words the list does not hold
 * ("household", "Workshop", "notable") are read at 93 to 96 and would be broken by a mend.
 */
function mendWord(core: string, confidence: number, vocab: Vocabulary): string {
  const shape = shapeOf(core);
  const w = core.toLowerCase();
  if (confidence >= SURE || shape === 'mixed' || w.length < 4 || vocab.known(w)) return core;
  const re = respelled(w, shape, confidence, vocab);
  // A capital I that was a lowercase l ("Iogin") was never a capital.
  if (re) return inShape(re, shape === 'capital' && core[0] === 'I' && re[0] === 'l' ? 'lower' : shape);
  const parts = split(w, shape, confidence, vocab);
  if (!parts) return core;
  const [a, b] = parts;
  // The original letters keep their case where the parts are not respelled.
  const first = a === w.slice(0, a.length) ? core.slice(0, a.length) : inShape(a, shape);
  const second = b === w.slice(w.length - b.length) ? core.slice(core.length - b.length) : shape === 'upper' ? b.toUpperCase() : b;
  return `${first} ${second}`;
}

/** A line's text mended word by word (its spacing kept); two unsure, unknown halves whose join is listed become one. */
export function mendText(line: MendableLine, vocab: Vocabulary): string {
  const parts = line.text.split(/(\s+)/);
  const words = wordsOf(line);
  const sure: boolean[] = [];
  let k = 0;
  const out = parts.map((part, i) => {
    if (!part || /^\s+$/.test(part)) return part;
    const word = words[k++] ?? { text: part, confidence: line.confidence };
    sure[i] = word.confidence >= SURE;
    const c = coreOf(part);
    return c ? c.lead + mendWord(c.core, word.confidence, vocab) + c.trail : part;
  });
  // Joins: "Pass word" stays (both are words); "Sub mit" becomes "Submit".
  for (let i = 0; i + 2 < out.length; i += 2) {
    if (out[i + 1] !== ' ' || sure[i] || sure[i + 2]) continue;
    const a = coreOf(out[i]), b = coreOf(out[i + 2]);
    if (!a || !b || a.trail || b.lead) continue;
    const joined = (a.core + b.core).toLowerCase();
    if (shapeOf(b.core) !== 'lower' || vocab.known(a.core) || vocab.known(b.core) || !vocab.known(joined)) continue;
    out.splice(i, 3, a.lead + a.core + b.core + b.trail);
    sure.splice(i, 3, false);
    i -= 2;
  }
  return out.join('');
}

/** Lines with their words mended against the built-in list and the design's own confident words. */
export function mendLines<T extends MendableLine>(lines: T[], vocab = new Vocabulary(lines)): T[] {
  return lines.map((line) => {
    const text = mendText(line, vocab);
    return text === line.text ? line : { ...line, text };
  });
}
