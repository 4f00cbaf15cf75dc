// The one configuration shape shared by the CLI, the check and the Vite plugin.
// Precedence: flags / plugin options > ui2code.config.* > defaults.

export type ProviderName = 'glm' | 'openai' | 'local';

export interface DesignOverride {
  /** Minimum score for this design in `check`. */
  threshold?: number;
  /** Refinement target for this design. */
  target?: number;
  rounds?: number;
}

export interface UserConfig {
  /** Folder of design images. Default 'designs'. */
  designs?: string;
  /** Folder the components are written to. Default 'src/components/generated'. */
  outDir?: string;
  /** Model provider. Default: 'glm' when ZHIPUAI_API_KEY or ZAI_API_KEY is set, else 'openai' when OPENAI_API_KEY is set, else 'local'. */
  provider?: ProviderName;
  model?: string;
  baseUrl?: string;
  /** Extra refinement rounds after the first candidate. Default 2. */
  rounds?: number;
  /** Score at which refinement stops. Default 0.9. */
  target?: number;
  /** Minimum score for `check` to pass. Default 0.8. */
  threshold?: number;
  /** Allowed score drop against the manifest's accepted score before a regression is reported. Default 0.02. */
  regressionTolerance?: number;
  /** Per-design overrides, keyed by the design's file name (e.g. 'login.png') or its path relative to the root. */
  designOverrides?: Record<string, DesignOverride>;
  /** Parallel model requests: never more than the model's tier allows (5 for -flash, 30 for -flashx). Default from the tier. */
  concurrency?: number;
  /** Seconds a failing model request is retried (backoff, Retry-After) before its design fails with the last status. Default 60. */
  retryBudget?: number;
  /** Parallel render workers (browser contexts). Default 4. */
  renderWorkers?: number;
  /** Path of the Chromium to use; default resolved automatically. */
  browser?: string;
  /** Longest side an image is downscaled to before upload. Default 2048. */
  maxUploadSide?: number;
  /** Token budget per design across rounds; refinement stops when exceeded. */
  tokenBudget?: number;
  /** Send the local analysis to remote models as hints. Default: on for small models (see `isSmallModel`). */
  hints?: boolean;
  /** Image limits for intake. */
  limits?: Partial<ImageLimits>;
  /** Vite plugin only: run the fidelity check in `vite build`. Default false. */
  check?: boolean;
  /**
   * How a design image names its viewport: a regular expression matched against the file name without its extension
   * and scale suffix; its first capture group is the viewport's label, the rest of the name is the design's base name.
   * Images with one base name in one folder are one responsive design (`plans.png`, `plans@tablet.png`,
   * `plans@mobile@2x.png`); each image's viewport width is its CSS width. Default `@([A-Za-z][\w-]*)$`.
   */
  viewportPattern?: string;
  /** `check`: a design without a component, or a component without a design, fails the check (else it is only reported). Default false. */
  strict?: boolean;
}

export interface ImageLimits {
  maxSide: number;
  maxPixels: number;
  maxBytes: number;
}

export const DEFAULT_LIMITS: ImageLimits = { maxSide: 8192, maxPixels: 40_000_000, maxBytes: 25 * 1024 * 1024 };

export interface ResolvedConfig extends Required<Omit<UserConfig, 'model' | 'baseUrl' | 'browser' | 'concurrency' | 'tokenBudget' | 'hints' | 'limits'>> {
  /** Absolute project root the relative folders are resolved against. */
  root: string;
  model?: string;
  baseUrl?: string;
  browser?: string;
  concurrency?: number;
  tokenBudget?: number;
  hints?: boolean;
  limits: ImageLimits;
  /** The config file that was loaded, if any. */
  configFile?: string;
}
