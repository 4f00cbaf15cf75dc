// The contracts between the stages. Each stage owns its module; these are the shapes that flow between them.
import type { ResultErrorCode } from './errors.js';

/** Straight (non-premultiplied) RGBA pixels, row-major, 4 bytes a pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** A design saved by a lossy codec (JPEG, lossy WebP): the analysis cleans its noise and scoring forgives it. */
export interface LossyInfo {
  codec: 'jpeg' | 'webp';
  /** Quality it was saved at (JPEG: from its quantisation table; WebP: 80, the tools' default). */
  quality: number;
  /** Mean colour distance of flat-area pixels from their cluster's colour (0 for a lossless picture). */
  noise: number;
}

/** A decoded design, ready for every later stage (intake's output). */
export interface Design {
  /** Path of the image file as the user named it (absolute). */
  path: string;
  format: ImageFormat;
  /** Pixels with alpha flattened on white, at the image's own size (device pixels). */
  image: RgbaImage;
  /** Device scale factor from a `@1.25x` … `@3x` suffix, else 1. */
  scale: number;
  /** Present when the design was saved by a lossy codec. */
  lossy?: LossyInfo;
  /** CSS size the component must render at: image size / scale. */
  cssWidth: number;
  cssHeight: number;
  /** sha256 hex of the file's bytes: the cache key's first part. */
  hash: string;
  bytes: Buffer;
}

export interface Viewport {
  /** CSS pixels. */
  width: number;
  height: number;
  deviceScaleFactor: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A run of text as the browser laid it out (CSS pixels). */
export interface TextBox extends Box {
  text: string;
  /** Computed colour as [r, g, b, a], 0..255 (alpha too). */
  color: [number, number, number, number];
  fontSize: number;
  fontWeight: number;
  fontFamily: string;
  /** Tag of the nearest element parent, lower case. */
  tag: string;
  /** The box of each line, where the text wraps onto more than one. */
  lines?: Box[];
}

/** A visible element's box with its painted background (CSS pixels). */
export interface ElementBox extends Box {
  tag: string;
  /** Background colour [r, g, b, a] or null when transparent. */
  background: [number, number, number, number] | null;
  depth: number;
}

export interface RenderTimings {
  bundle: number;
  render: number;
  screenshot: number;
  decode: number;
}

export interface RenderResult {
  /** Screenshot of the design's canvas (viewport) in device pixels. */
  image: RgbaImage;
  viewport: Viewport;
  /** The rendered document's scroll size in CSS pixels. */
  documentWidth: number;
  documentHeight: number;
  texts: TextBox[];
  elements: ElementBox[];
  consoleErrors: string[];
  pageErrors: string[];
  timings: RenderTimings;
}

export interface RenderOptions {
  /** Name used in errors (the component or design path). */
  name?: string;
  /** Deadline for the whole render in ms. */
  timeoutMs?: number;
  /** Also capture the document beyond the viewport (up to this many CSS px tall). */
  fullPageMaxHeight?: number;
}

export interface Scores {
  /** Share of the design's pixels pixelmatch marks different (threshold 0.05, AA ignored). Lower is better. */
  mismatch: number;
  /** Same, counted only over pixels that are not the design's dominant background in design or render. */
  fgMismatch: number;
  /** 0..1, higher is better. */
  score: number;
  /** CSS px² of the largest connected patch that differs (a missing, moved or recoloured element). */
  largestDefect?: number;
  /** Design size and rendered document size, in CSS px. */
  width: number;
  height: number;
  renderedWidth: number;
  renderedHeight: number;
  /** Text and layout terms, present when design texts are known. 0..1, higher is better. */
  textRecall?: number;
  textPosition?: number;
  textColor?: number;
  blockMatch?: number;
  /**
   * Share of the design's text (by characters) set in the right family class (serif, sans, mono), weight (±100) and
   * size (±1 px), the design's fonts fitted by rendering. Reported beside the score, like the text terms.
   */
  typography?: number;
  /** The design is lossy (JPEG, lossy WebP): the quality it was saved at; the render was scored through that codec. */
  lossyQuality?: number;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

/** What the local analysis of a design found; also sent to remote models as hints. */
export interface Hints {
  background: string;
  palette: string[];
  /** `fontFamily` and `fontWeight` are there when the fonts were fitted by rendering (the typography term needs them). */
  texts: Array<{ text: string; x: number; y: number; width: number; height: number; fontSize: number; color: string; fontWeight?: number; fontFamily?: string }>;
}

export interface ProgressEvent {
  design: string;
  phase: 'queued' | 'generating' | 'reasoning' | 'validating' | 'rendering' | 'refining' | 'writing' | 'done' | 'failed';
  round?: number;
  message?: string;
  /** Characters received so far from a streaming model. */
  received?: number;
}

export type ConvertStatus = 'written' | 'unchanged' | 'pending' | 'failed';

/** One design's outcome: the shape of `convert --json`'s `results[]` and of the plugin's status. */
export interface ConvertResult {
  design: string;
  /** Component name (PascalCase). */
  component: string;
  /** Path of the component file (or of the pending file when status is 'pending'). */
  file: string;
  /** Path of its CSS module (css-modules style), or of its pending copy. */
  css?: string;
  status: ConvertStatus;
  provider: string;
  model: string;
  rounds: number;
  /** Score of every round's candidate, in order. */
  scores: number[];
  mismatch?: number;
  fgMismatch?: number;
  score?: number;
  /** All score terms of the kept candidate (a responsive design: of its worst width). */
  terms?: Scores;
  /**
   * A responsive design (`plans.png` + `plans@mobile.png`): each viewport's image, CSS width and scores, widest first.
   * `score`, `mismatch` and `fgMismatch` above are the worst width's. Absent for a single image.
   */
  widths?: Array<{ design: string; width: number; score: number; mismatch: number; fgMismatch: number }>;
  usage: Usage;
  /** Cost in the provider's currency (RMB for glm), 0 for local. */
  cost: number;
  error?: string;
  /** The written component scores under the threshold `check` applies to its design. */
  belowThreshold?: boolean;
  /** Error code when failed. */
  errorCode?: ResultErrorCode;
}
