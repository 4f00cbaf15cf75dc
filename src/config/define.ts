// What a user's ui2code.config.ts imports: `import { defineConfig } from 'ui2code'`. Kept free of dependencies because
// the loader maps the bare 'ui2code' specifier to this module (see load.ts), so a config file loads fast and always
// against the version of ui2code that reads it.
import type { UserConfig } from './types.js';

export type { UserConfig, DesignOverride, ProviderName, ImageLimits } from './types.js';
export { DEFAULT_LIMITS } from './types.js';

/** Typed identity: editors check and complete the config; nothing happens at run time. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
