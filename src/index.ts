// ui2code's core API: the stages of the flow, usable one by one.
export * from './types.js';
export * from './errors.js';
export type { UserConfig, ResolvedConfig, ProviderName, DesignOverride, ImageLimits } from './config/types.js';
export { DEFAULT_LIMITS } from './config/types.js';

// intake
export { readDesign, decodeImage, scaleFromName, flattenOnWhite } from './intake/decode.js';
export { encodePng, decodePng } from './intake/png.js';
export { resizeImage, fitWithin } from './intake/resize.js';

// render
export { createRenderer, type Renderer, type RendererOptions } from './render/pool.js';
export { resolveBrowser, launchBrowser, type ResolvedBrowser } from './render/browser.js';
export { installBrowser } from './render/install.js';
export { BUNDLED_FAMILIES, GENERIC_FAMILIES } from './render/fonts.js';

// compare
export { compare, pixelTerms, visualScore, dominantColor, type CompareOptions } from './compare/compare.js';
export { scoreComponent, type ScoreOptions } from './compare/score-component.js';

// generate
export type { Provider, GenerateRequest, GenerateResult, PreviousCandidate } from './generate/provider.js';
export { resolveProvider, type ProviderSettings } from './generate/resolve.js';
// Published as `loadEnv` before the loader moved to the config layer.
export { loadEnvFiles as loadEnv } from './config/env.js';
export { PRESETS, presetFor } from './generate/presets.js';
export { createOpenAICompatibleProvider, type ClientOptions } from './generate/openai-compatible.js';
export { PROMPT_VERSION, systemPrompt, userPrompt, refinePrompt } from './generate/prompt.js';
export { PRICES, costOf } from './generate/prices.js';
export { createLocalProvider, analyzeDesign, hintsFromAnalysis, designTexts, closeLocalEngine } from './generate/local/index.js';

// extract, validate, format
export { extractCode } from './extract/extract.js';
export { checkPolicy, assertPolicy, type Violation } from './validate/policy.js';
export { formatComponent } from './format/format.js';

// refine, write, pipeline
export { refine, type RefineOptions, type RefineResult } from './refine/refine.js';
export { componentName, componentPath } from './write/names.js';
export { addHeader, parseHeader } from './write/header.js';
export { writeFileAtomic, sweepTempFiles } from './write/atomic.js';
export { writeComponent, type WriteStatus } from './write/component.js';
export { readManifest, updateManifest, updateManifestEntry, type Manifest, type ManifestEntry } from './write/manifest.js';
export { convertDesign, convertMany, type ConvertOptions } from './pipeline.js';
export { watchDesigns } from './watch.js';
export { textTerms, type TextTerms } from './compare/text-terms.js';

// config (a user's ui2code.config.ts: `import { defineConfig } from 'ui2code'`)
export { defineConfig } from './config/define.js';
export { loadConfig, thresholdFor, type LoadConfigOptions } from './config/load.js';
export { CONFIG_DEFAULTS, defaultProvider } from './config/defaults.js';

// check
export { runCheck, mergeReports, type CheckOptions, type CheckOutcome } from './check/index.js';
export type { CheckReport, CheckResult, CheckStatus, CheckSummary, ShardSpec } from './check/types.js';
