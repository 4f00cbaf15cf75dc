// Entry of the `ui2code` command: one commander program, one file per command under ./commands.
import { Command, CommanderError } from 'commander';
import { describeError, Ui2CodeError, type ErrorCode } from '../errors.js';
import { commands } from './commands/index.js';

/** Exit codes are a promise to scripts: 0 ok, 1 some design failed, 2 bad arguments or input, 3 environment. */
const EXIT_BY_CODE: Partial<Record<ErrorCode, number>> = {
  CONFIG: 2,
  BAD_IMAGE: 2,
  IMAGE_LIMIT: 2,
  NO_BROWSER: 3,
  NO_PROVIDER: 3,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof Ui2CodeError) return EXIT_BY_CODE[error.code] ?? 1;
  return 1;
}

export function createProgram(): Command {
  const program = new Command('ui2code')
    .description('Turn UI mockups into React components, and keep them faithful to their designs.')
    .version(process.env.npm_package_version ?? '0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const register of commands) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv = process.argv): Promise<number> {
  try {
    await createProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    const code = exitCodeFor(error);
    if (!(error instanceof CommanderError)) process.stderr.write(`ui2code: ${describeError(error)}\n`);
    return code;
  }
}

const exit = await main();
process.exitCode = exit;
