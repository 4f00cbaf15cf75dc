// Which provider a run uses, and with what: flags and config first, then UI2CODE_* variables, then the preset's own
// variables. Without a provider set, a Zhipu key means glm, an OpenAI key means openai, else the local engine.
// Keys come from the environment and the project's .env files (the real environment wins) and are never printed.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { defaultProvider } from '../config/defaults.js';
import type { ProviderName } from '../config/types.js';
import { Ui2CodeError } from '../errors.js';
import { PRESETS, presetFor } from './presets.js';
import type { Provider } from './provider.js';

/** The environment with the project's .env and .env.local under it: the real environment wins, .env.local beats .env. */
export function loadEnv(root: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const fromFiles: Record<string, string> = {};
  for (const name of ['.env', '.env.local']) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(root, name), 'utf8');
    } catch {
      continue;
    }
    Object.assign(fromFiles, parseEnv(text));
  }
  return { ...fromFiles, ...env };
}

/** The provider used when none is configured (glm with a Zhipu/Z.ai key, openai with an OpenAI key, else local), .env included. */
export function defaultProviderName(env: NodeJS.ProcessEnv): ProviderName {
  return defaultProvider(env);
}

export interface ProviderSettings {
  provider?: ProviderName;
  model?: string;
  baseUrl?: string;
  concurrency?: number;
  maxUploadSide?: number;
  /** Folder whose .env files are read. Default process.cwd(). */
  root?: string;
  /** Client tuning (tests, slow self-hosted servers): see ClientOptions. */
  idleTimeoutMs?: number;
  deadlineMs?: number;
  backoffMs?: number;
  maxReplyBytes?: number;
}

async function localProvider(): Promise<Provider> {
  let local: typeof import('./local/index.js');
  try {
    local = await import('./local/index.js');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Ui2CodeError('NO_PROVIDER', 'the local engine is not available in this build: set ZHIPUAI_API_KEY (glm) or OPENAI_API_KEY (openai), or pass --provider glm|openai', {
      cause: error,
    });
  }
  return local.createLocalProvider();
}

/** Zhipu's own endpoints (open.bigmodel.cn, api.z.ai), as opposed to a self-hosted GLM behind vLLM or a proxy. */
export function isZhipuHost(baseUrl: string): boolean {
  try {
    return /(^|\.)(bigmodel\.cn|z\.ai)$/i.test(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

export async function resolveProvider(settings: ProviderSettings = {}, environment: NodeJS.ProcessEnv = process.env): Promise<Provider> {
  const env = loadEnv(settings.root, environment);
  const name = settings.provider ?? defaultProviderName(env);
  if (name === 'local') return localProvider();
  if (name !== 'glm' && name !== 'openai') throw new Ui2CodeError('CONFIG', `unknown provider "${String(name)}": use glm, openai or local`);
  const preset = presetFor(name, env);
  const baseUrl = settings.baseUrl ?? env.UI2CODE_BASE_URL ?? preset.baseUrl;
  const apiKey = env.UI2CODE_API_KEY || preset.keyVars.map((v) => env[v]).find(Boolean);
  // Self-hosted OpenAI-compatible servers (Ollama, LM Studio, vLLM) usually need no key: only OpenAI's own API does.
  const keyless = name === 'openai' && baseUrl !== PRESETS.openai.baseUrl;
  if (!apiKey && !keyless) {
    throw new Ui2CodeError(
      'NO_PROVIDER',
      `no API key for the ${name} provider: set ${['UI2CODE_API_KEY', ...preset.keyVars].join(' or ')} in the environment or in .env, or use --provider local`,
    );
  }
  const { createOpenAICompatibleProvider } = await import('./openai-compatible.js');
  return createOpenAICompatibleProvider({
    name,
    apiKey: apiKey ?? '',
    baseUrl,
    model: settings.model ?? env.UI2CODE_MODEL ?? preset.model,
    concurrency: settings.concurrency,
    maxUploadSide: settings.maxUploadSide ?? 2048,
    // Data URLs everywhere, Zhipu's hosted API included (the interface this product promises; bare base64 stays an option).
    imageEncoding: 'data-url',
    idleTimeoutMs: settings.idleTimeoutMs,
    deadlineMs: settings.deadlineMs,
    backoffMs: settings.backoffMs,
    maxReplyBytes: settings.maxReplyBytes,
  });
}

export { PRESETS, presetFor };
