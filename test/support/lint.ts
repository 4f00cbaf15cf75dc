// ESLint's recommended rules for a React + TypeScript project (eslint:recommended, typescript-eslint, React's
// recommended rules with the new JSX runtime, the rules of hooks), as a front-end team's `eslint.config.js` sets them.
import path from 'node:path';
import { ESLint } from 'eslint';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import { repoRoot } from './paths.js';

let eslint: ESLint | undefined;

/** The problems ESLint finds in one component, as `rule: message` lines. */
export async function lintProblems(code: string): Promise<string[]> {
  eslint ??= new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      js.configs.recommended,
      ...(tseslint.configs.recommended as ESLint.Options['overrideConfig'] as object[]),
      react.configs.flat.recommended,
      react.configs.flat['jsx-runtime'],
      reactHooks.configs.flat.recommended,
      { settings: { react: { version: '19' } } },
    ] as ESLint.Options['overrideConfig'],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, '__generated__', 'Component.tsx') });
  return result.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message} (line ${m.line})`);
}
