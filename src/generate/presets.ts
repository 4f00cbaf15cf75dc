// The providers' defaults. glm: Zhipu's hosted API (open.bigmodel.cn, or api.z.ai for a Z.ai key); openai: any
// OpenAI-compatible endpoint (OpenAI, OpenRouter, Ollama, vLLM, LM Studio through --base-url).
import type { ProviderName } from '../config/types.js';

export interface Preset {
  baseUrl: string;
  model: string;
  /** Environment variables that hold the key, in order of preference. */
  keyVars: string[];
}

export const PRESETS = {
  glm: { baseUrl: 'https://open.bigmodel.cn/api/paas/v4', model: 'glm-4.1v-thinking-flashx', keyVars: ['ZHIPUAI_API_KEY', 'ZAI_API_KEY'] },
  openai: { baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o', keyVars: ['OPENAI_API_KEY'] },
} satisfies Record<Exclude<ProviderName, 'local'>, Preset>;

export function presetFor(name: ProviderName, env: NodeJS.ProcessEnv): Preset {
  if (name === 'glm') {
    // A Z.ai key (and no Zhipu key) means the international endpoint.
    return !env.ZHIPUAI_API_KEY && env.ZAI_API_KEY ? { ...PRESETS.glm, baseUrl: 'https://api.z.ai/api/paas/v4' } : PRESETS.glm;
  }
  if (name === 'openai') return { ...PRESETS.openai, baseUrl: env.OPENAI_BASE_URL ?? PRESETS.openai.baseUrl };
  throw new Error(`no preset for ${name}`);
}

/**
 * Small models (up to 13B parameters by their name, or named flash, mini, small, lite...) are the ones the local
 * analysis helps most, so they get it as hints by default. GLM-4.1V-Thinking is a 9B model; its hosted ids say "flash".
 */
export function isSmallModel(model: string): boolean {
  const m = model.toLowerCase();
  const params = m.match(/(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)b(?![a-z])/);
  if (params) return Number(params[1]) <= 13;
  return /flash|mini|small|lite|tiny|nano|haiku/.test(m);
}
