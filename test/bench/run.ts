// `npm run bench`: every stage's figures, each against its baseline measured in the same process.
import { benchRender } from './render.js';

type Bench = () => Promise<Record<string, unknown>>;

/** Optional benches live beside this file; each is run when its module is part of the build. */
async function optional(modulePath: string, name: string): Promise<Bench | null> {
  const mod = (await import(modulePath).catch(() => null)) as Record<string, Bench> | null;
  return mod?.[name] ?? null;
}

const only = process.argv.slice(2);
const benches: Array<[string, Bench | null]> = [
  ['render', benchRender],
  ['local', await optional('./local.js', 'benchLocal')],
  ['check', await optional('./check.js', 'benchCheck')],
  ['plugin', await optional('./plugin.js', 'benchPlugin')],
  ['typography', await optional('./typography.js', 'benchTypography')],
  ['code', await optional('./code.js', 'benchCode')],
  ['responsive', await optional('./responsive.js', 'benchResponsive')],
];

for (const [name, bench] of benches) {
  if (!bench || (only.length && !only.includes(name))) continue;
  process.stdout.write(`\n## ${name}\n`);
  const t0 = performance.now();
  const result = await bench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n(${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
