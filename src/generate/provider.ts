// The provider contract: every model (glm, openai-compatible, local) turns a design into TSX source through this one call.
import type { Design, Hints, ProgressEvent, RgbaImage, Scores, Usage } from '../types.js';
import type { ProviderName } from '../config/types.js';
import type { Renderer } from '../render/pool.js';

/** The candidate a refinement round starts from. */
export interface PreviousCandidate {
  code: string;
  render: RgbaImage;
  diff?: RgbaImage;
  scores: Scores;
  round: number;
  /** A responsive design: the render and diff at each viewport, widest first (the fields above are the worst width's). */
  widths?: Array<{ width: number; render: RgbaImage; diff?: RgbaImage; scores: Scores }>;
  /** The safety-policy violations of the answer the last round refused, so the model is told which rule it broke. */
  refused?: string[];
}

export interface GenerateRequest {
  design: Design;
  /** Local analysis of the design, for prompts (remote) or reuse (local). */
  hints?: Hints;
  /**
   * A responsive design: every viewport's image, widest first (`design` is the first). Absent for a single image. The
   * component must render each at its own CSS width.
   */
  widths?: Design[];
  /** Present on refinement rounds. */
  previous?: PreviousCandidate;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The warm render pool, for providers that render while generating (the local engine). */
  renderer?: Renderer;
  /** The component's name, chosen once by the pipeline (unique in the output folder); default: from the design's file name. */
  name?: string;
}

export interface GenerateResult {
  /** Component source, already extracted from the reply (validation and formatting come after). */
  code: string;
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
  /** The normalised base URL of a remote model (absent for the local engine): another endpoint may answer otherwise, so it is part of the cache key. */
  readonly endpoint?: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  /** Cost of the given usage in the provider's currency (0 when free or local). */
  cost(usage: Usage): number;
}
