// Prettier, with the project's own configuration when it has one: generated code should look like the user's code.
import { Ui2CodeError } from '../errors.js';

export async function formatComponent(code: string, { file }: { file: string }): Promise<string> {
  const prettier = await import('prettier');
  const projectConfig = await prettier.resolveConfig(file, { editorconfig: true }).catch(() => null);
  try {
    return await prettier.format(code, { ...projectConfig, filepath: file, parser: 'typescript' });
  } catch (error) {
    throw new Ui2CodeError('FORMAT', `Prettier cannot format the code (${(error as Error).message.split('\n')[0]})`, { file, cause: error });
  }
}
