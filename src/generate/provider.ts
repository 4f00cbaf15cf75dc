// The provider contract: every model (glm, openai-compatible, local) turns a design into TSX source through this one call.
import type { Design, Hints, ProgressEvent, RgbaImage, Scores, Usage } from '../types.js';
import type { ProviderName } from '../config/types.js';
import type { Renderer } from '../render/pool.js';
import type { OutputStyle, Theme } from './style.js';

/** The candidate a refinement round starts from. */
export interface PreviousCandidate {
  code: string;
  /** Its CSS module (css-modules style). */
  css?: string;
  render: RgbaImage;
  diff?: RgbaImage;
  scores: Scores;
  round: number;
}

export interface GenerateRequest {
  design: Design;
  /** Local analysis of the design, for prompts (remote) or reuse (local). */
  hints?: Hints;
  /** Present on refinement rounds. */
  previous?: PreviousCandidate;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The warm render pool, for providers that render while generating (the local engine). */
  renderer?: Renderer;
  /** The output style every provider must honour (default inline), the component's name and the project's theme. */
  style?: OutputStyle;
  name?: string;
  theme?: Theme;
}

export interface GenerateResult {
  /** Component source, already extracted from the reply (validation and formatting come after). */
  code: string;
  /** Its CSS module's text (css-modules style). */
  css?: string;
  /** The raw answer text, for diagnostics. */
  raw: string;
  reasoning?: string;
  usage: Usage;
  provider: ProviderName;
  model: string;
}

export interface Provider {
  readonly name: ProviderName;
  readonly model: string;
  /** What else shapes the output (prompt version, engine version): part of the cache key. */
  readonly version?: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Cost of the given usage in the provider's currency (0 when free or local). */
  cost(usage: Usage): number;
}
