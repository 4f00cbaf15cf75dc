// The one .env loader, used by the config loader, provider resolution and the Vite plugin. Keys read here go to the
// provider only; nothing of it reaches generated code or client bundles.
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The environment with the folder's .env files under it: the real environment wins, a later file beats an earlier one
 * (.env, .env.local, and with a Vite mode .env.[mode], .env.[mode].local, as Vite orders them).
 */
export function loadEnvFiles(dir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env, { mode }: { mode?: string } = {}): NodeJS.ProcessEnv {
  const names = ['.env', '.env.local', ...(mode ? [`.env.${mode}`, `.env.${mode}.local`] : [])];
  const fromFiles: Record<string, string> = {};
  for (const name of names) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    Object.assign(fromFiles, parseEnv(text));
  }
  return { ...fromFiles, ...env };
}
