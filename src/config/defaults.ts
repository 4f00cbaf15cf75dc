// The defaults of every option, in one place: the loader, the CLI and the Vite plugin read them from here.
import { DEFAULT_VIEWPORT_PATTERN } from '../designs.js';
import { DEFAULT_LIMITS, type ProviderName, type ResolvedConfig } from './types.js';

export type ConfigDefaults = Omit<ResolvedConfig, 'root' | 'provider' | 'configFile'>;

export const CONFIG_DEFAULTS: ConfigDefaults = {
  designs: 'designs',
  outDir: 'src/components/generated',
  rounds: 2,
  target: 0.9,
  threshold: 0.8,
  regressionTolerance: 0.02,
  designOverrides: {},
  retryBudget: 60,
  renderWorkers: 4,
  maxUploadSide: 2048,
  limits: DEFAULT_LIMITS,
  check: false,
  strict: false,
  viewportPattern: DEFAULT_VIEWPORT_PATTERN,
};

/** A key in the environment picks its provider; without one the offline engine does the work. */
export function defaultProvider(env: NodeJS.ProcessEnv = process.env): ProviderName {
  if (env.ZHIPUAI_API_KEY || env.ZAI_API_KEY) return 'glm';
  if (env.OPENAI_API_KEY) return 'openai';
  return 'local';
}
