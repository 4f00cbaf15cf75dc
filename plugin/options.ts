// The plugin's options: the same names as the CLI flags and the config file; what is given here wins over ui2code.config.*.
import type { ProviderName, UserConfig } from '../src/config/types.js';
import type { OutputStyleOption } from '../src/generate/style.js';

export interface Ui2CodeOptions {
  /** Folder of design images, relative to the Vite root. Default 'designs'. */
  designs?: string;
  /** Folder the components are written to. Default 'src/components/generated'. */
  outDir?: string;
  /** Model provider. Default: 'glm' with a Zhipu key, 'openai' with an OpenAI key, else 'local' (offline). */
  provider?: ProviderName;
  model?: string;
  baseUrl?: string;
  /** Extra refinement rounds after the first candidate. Default 2. */
  rounds?: number;
  /** Score at which refinement stops. Default 0.9. */
  target?: number;
  /** Designs converted at once. Default: the config's, else 2. */
  concurrency?: number;
  /** How components carry styles: 'tailwind', 'css-modules', 'inline', or 'auto' (default: tailwind when the project uses it, else css-modules). */
  style?: OutputStyleOption;
  /** Run the fidelity check in `vite build` and fail the build under the threshold. Default false. */
  check?: boolean;
  /** Minimum score for the build check. Default 0.8. */
  threshold?: number;
  /** A specific config file (relative to the root), or false to read none. Default: ui2code.config.* when present. */
  configFile?: string | false;
  /** Quiet period after a file event before a design is read, ms. Default 150. */
  debounceMs?: number;
  /** Show failures in a persistent in-page overlay. Default true. */
  overlay?: boolean;
  /** Convert missing or stale designs when the dev server starts. Default true. */
  scanOnStart?: boolean;
  /** Convert in a worker thread, so the local engine's CPU work never stalls the dev server. Default true. */
  thread?: boolean;
  /**
   * `bundled` (default): the dev server serves the fonts ui2code measured with (Arimo for Arial and Helvetica, Tinos
   * for Times New Roman, Cousine for Courier New, and the other bundled families), so `vite dev` shows what the check
   * measured. `system`: the page uses the system's fonts, as production does unless you ship the fonts yourself.
   */
  fonts?: 'bundled' | 'system';
}

/** The options that are config keys, as config overrides (undefined values are ignored by the loader). */
export function toOverrides({ designs, outDir, provider, model, baseUrl, rounds, target, concurrency, check, threshold, style }: Ui2CodeOptions): UserConfig {
  return { designs, outDir, provider, model, baseUrl, rounds, target, concurrency, check, threshold, style };
}
