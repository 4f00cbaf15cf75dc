// Prettier, with the project's own configuration when it has one: generated code should look like the user's code.
import { Ui2CodeError } from '../errors.js';

export async function formatComponent(code: string, { file }: { file: string }): Promise<string> {
  const prettier = await import('prettier');
  const projectConfig = await prettier.resolveConfig(file, { editorconfig: true }).catch(() => null);
  // The file is TSX whatever the project's overrides say; the user's options (quotes, width, indent) still apply.
  const options = { ...projectConfig, filepath: file, parser: 'typescript' };
  try {
    return await prettier.format(code, options);
  } catch (error) {
    // A plugin the project lists but this process cannot load must not fail the design: format without plugins.
    if (projectConfig?.plugins?.length && !isSyntaxError(error)) {
      try {
        return await prettier.format(code, { ...options, plugins: [] });
      } catch {
        // Report the first error: it names the project's own setup.
      }
    }
    throw new Ui2CodeError('FORMAT', `Prettier cannot format the code (${(error as Error).message.split('\n')[0]})`, { file, cause: error });
  }
}

const isSyntaxError = (error: unknown) => error instanceof SyntaxError || (error as { loc?: unknown })?.loc !== undefined;
