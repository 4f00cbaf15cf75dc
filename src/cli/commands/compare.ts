// `ui2code compare <design-image> <component.tsx>`: render a component at its design's size and print how close it is.
// Exit 1 when the component threw (while rendering or in an effect): its score measures whatever was left on the page.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { Ui2CodeError } from '../../errors.js';
import { readDesign } from '../../intake/decode.js';
import { encodePng } from '../../intake/png.js';
import { closeOnSignals } from '../../render/signals.js';
import { scoreComponent, scoreWidths } from '../../compare/score-component.js';
import type { ResolvedConfig } from '../../config/types.js';
import { readDesignSet } from '../../intake/set.js';
import { designSetOf } from '../../pipeline.js';
import type { Design } from '../../types.js';
import { loadConfig } from '../../config/load.js';
import { createSession } from '../../session.js';
import { tailwindFor } from '../../generate/style-candidate.js';

interface CompareFlags {
  json?: boolean;
  diff?: string;
  browser?: string;
}

/** `plans.png` → `plans@375.png`: the diff of one viewport beside the one asked for. */
const diffAt = (file: string, width: number) => file.replace(/(\.png)?$/i, `@${width}.png`);

/** The component's path and source; a file that cannot be read is a configuration error naming it. */
async function readComponent(component: string): Promise<{ file: string; source: string }> {
  const file = path.resolve(component);
  const source = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Ui2CodeError('CONFIG', `cannot read the component (${error.code ?? error.message})`, { file });
  });
  return { file, source };
}

/**
 * A responsive design: the component rendered at every viewport's width and compared with that viewport's image. The
 * top-level fields are the worst width's (the design's score); `widths` lists each. `--diff out.png` writes the worst
 * width's diff there and every width's as `out@<width>.png`.
 */
async function compareWidths(set: Design[], component: string, flags: CompareFlags, config: ResolvedConfig): Promise<void> {
  const { file, source } = await readComponent(component);
  const session = createSession(config);
  const stopSignals = closeOnSignals(() => session.close());
  try {
    const textsPerWidth = await Promise.all(set.map((d) => session.designTexts(d)));
    const { widths, worst } = await scoreWidths(await session.renderer(), set, source, { diff: Boolean(flags.diff), textsPerWidth, name: file, resolveDir: path.dirname(file), tailwind: await tailwindFor(source, { root: config.root, style: config.style }) });
    if (flags.diff) {
      for (const w of widths) if (w.diff) await fs.writeFile(diffAt(path.resolve(flags.diff), w.width), encodePng(w.diff));
      if (worst.diff) await fs.writeFile(path.resolve(flags.diff), encodePng(worst.diff));
    }
    const pageErrors = [...new Set(widths.flatMap((w) => w.render.pageErrors))];
    const result = {
      design: set[0].path,
      component: file,
      ...worst.scores,
      consoleErrors: [...new Set(widths.flatMap((w) => w.render.consoleErrors))],
      pageErrors,
      widths: widths.map((w) => ({ design: w.design, ...w.scores, width: w.width })),
    };
    if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const lines = [
        `${path.relative(process.cwd(), set[0].path)} (${set.length} widths) vs ${path.relative(process.cwd(), file)}: score ${worst.scores.score.toFixed(3)} (worst width: ${worst.width} px)`,
        ...widths.map((w) => `  ${String(w.width).padStart(5)} px  score ${w.scores.score.toFixed(3)}  mismatch ${w.scores.mismatch.toFixed(4)}  fgMismatch ${w.scores.fgMismatch.toFixed(4)}  ${path.relative(process.cwd(), w.design)}${flags.diff ? `  diff ${diffAt(flags.diff, w.width)}` : ''}`),
        ...pageErrors.map((e) => `  page error: ${e}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    if (pageErrors.length) {
      process.stderr.write(`ui2code: ${file}: the component threw: ${pageErrors[0].split('\n')[0]}\n`);
      process.exitCode = 1;
    }
  } finally {
    stopSignals();
    await session.close();
  }
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description("render a component at its design's size and measure how close it is to the design")
    .argument('<design-image>', 'the design (PNG, JPEG or WebP; @2x in the name sets the scale)')
    .argument('<component>', 'a .tsx file whose default export is a React component')
    .option('--json', 'print one JSON object on stdout')
    .option('--diff <out.png>', 'write the diff image')
    .option('--browser <path>', 'Chromium executable to use')
    .action(async (image: string, component: string, flags: CompareFlags) => {
      const config = await loadConfig({ root: process.cwd(), configFile: false, overrides: { browser: flags.browser, renderWorkers: 1 } });
      // A responsive design is compared at each of its widths (any image of the set names it); a single image as before.
      const set = await readDesignSet(await designSetOf(config, path.resolve(image)));
      if (set.length > 1) return compareWidths(set, component, flags, config);
      const design = await readDesign(image);
      const { file, source } = await readComponent(component);
      const session = createSession(config);
      const stopSignals = closeOnSignals(() => session.close());
      try {
        // The design's texts by OCR, their fonts fitted by rendering: text and typography terms beside the score.
        const texts = await session.designTypography(design);
        const { render, scores, diff } = await scoreComponent(await session.renderer(), design, source, { diff: Boolean(flags.diff), texts, name: file, resolveDir: path.dirname(file), tailwind: await tailwindFor(source, { root: config.root, style: config.style }) });
        if (flags.diff && diff) await fs.writeFile(path.resolve(flags.diff), encodePng(diff));
        const result = { design: design.path, component: file, ...scores, consoleErrors: render.consoleErrors, pageErrors: render.pageErrors };
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
        } else {
          const size = scores.renderedHeight > scores.height || scores.renderedWidth > scores.width
            ? ` (rendered ${scores.renderedWidth}x${scores.renderedHeight}, larger than the design)`
            : '';
          const lines = [
            `${path.relative(process.cwd(), design.path)} vs ${path.relative(process.cwd(), file)}: ${design.image.width}x${design.image.height}${size}`,
            `  score       ${scores.score.toFixed(3)}`,
            `  mismatch    ${scores.mismatch.toFixed(4)}`,
            `  fgMismatch  ${scores.fgMismatch.toFixed(4)}`,
            ...(['textRecall', 'textPosition', 'textColor', 'blockMatch', 'typography'] as const)
              .filter((k) => scores[k] !== undefined)
              .map((k) => `  ${k.padEnd(11)} ${scores[k]!.toFixed(3)}`),
            ...(flags.diff ? [`  diff        ${flags.diff}`] : []),
            ...render.pageErrors.map((e) => `  page error: ${e}`),
          ];
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        if (render.pageErrors.length) {
          process.stderr.write(`ui2code: ${file}: the component threw: ${render.pageErrors[0].split('\n')[0]}\n`);
          process.exitCode = 1;
        }
      } finally {
        stopSignals();
        await session.close();
      }
    });
}

