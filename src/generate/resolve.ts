// Which provider a run uses: flags and config first, then the environment (a Zhipu key means glm, an OpenAI key means
// openai), else the local engine. Keys come from the environment and the project's .env files and are never printed.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import type { ResolvedConfig } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import type { Provider } from './provider.js';
import { PRESETS, presetFor } from './presets.js';

/** The environment with the project's .env and .env.local under it (the real environment wins). */
export function loadEnv(root: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const fromFiles: Record<string, string> = {};
  for (const name of ['.env', '.env.local']) {
    const file = path.join(root, name);
    if (!fs.existsSync(file)) continue;
    Object.assign(fromFiles, parseEnv(fs.readFileSync(file, 'utf8')));
  }
  return { ...fromFiles, ...env };
}

type ProviderConfig = Pick<ResolvedConfig, 'provider' | 'root'> & Partial<Pick<ResolvedConfig, 'model' | 'baseUrl' | 'concurrency' | 'maxUploadSide'>>;

export async function resolveProvider(config: ProviderConfig, environment: NodeJS.ProcessEnv = process.env): Promise<Provider> {
  if (config.provider === 'local') {
    const { createLocalProvider } = await import('./local/index.js');
    return createLocalProvider();
  }
  const env = loadEnv(config.root, environment);
  const preset = presetFor(config.provider, env);
  const apiKey = env.UI2CODE_API_KEY ?? preset.keyVars.map((v) => env[v]).find(Boolean);
  if (!apiKey) {
    throw new Ui2CodeError('NO_PROVIDER', `no API key for the ${config.provider} provider: set ${['UI2CODE_API_KEY', ...preset.keyVars].join(' or ')} (in the environment or .env), or use --provider local`);
  }
  const { createOpenAICompatibleProvider } = await import('./openai-compatible.js');
  return createOpenAICompatibleProvider({
    name: config.provider,
    apiKey,
    baseUrl: config.baseUrl ?? env.UI2CODE_BASE_URL ?? preset.baseUrl,
    model: config.model ?? env.UI2CODE_MODEL ?? preset.model,
    concurrency: config.concurrency,
    maxUploadSide: config.maxUploadSide ?? 2048,
  });
}

export { PRESETS };
