// Refinement: score each candidate, ask for a better one while the score is under the target and rounds remain, and
// keep the best. A round that scores worse is never kept; a refinement candidate that is unsafe or broken is skipped.
import { typographyOf } from '../compare/typography.js';
import { scoreComponent, scoreWidths, type WidthScore } from '../compare/score-component.js';
import { abortedError, describeError, Ui2CodeError } from '../errors.js';
import { formatComponent } from '../format/format.js';
import type { Provider } from '../generate/provider.js';
import type { Renderer } from '../render/pool.js';
import type { Design, Hints, ProgressEvent, Scores, Usage } from '../types.js';
import { assertPolicy } from '../validate/policy.js';
import { prepareStyled, renderStyles, type StyleContext } from '../generate/style-candidate.js';
import type { Theme } from '../generate/style.js';

export interface RefineOptions {
  design: Design;
  /** A responsive design's viewports, widest first (`design` is the first): each candidate is scored at every width and its score is the worst. */
  widths?: Design[];
  provider: Provider;
  renderer: Renderer;
  /** The file the component will be written to: Prettier resolves the project's config from it. */
  file: string;
  /** The component's name, as the pipeline chose it. */
  name?: string;
  /** Extra rounds after the first candidate. */
  rounds: number;
  /** Stop as soon as a candidate reaches this score. */
  target: number;
  /** Stop refining once this many tokens were spent on the design. */
  tokenBudget?: number;
  hints?: Hints;
  /**
   * The design's texts with fitted fonts: each candidate gets the text and typography terms, the model is told which
   * lines are set in the wrong family, weight or size, and of two candidates that look alike the better set one wins.
   */
  texts?: Hints['texts'];
  /** A responsive design's texts per width (as `widths`): each width is scored by its own texts. */
  textsPerWidth?: Array<Hints['texts'] | undefined>;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** The output style the provider must honour, the component's name and the project's root and theme (default: inline). */
  styles?: StyleContext & { theme?: Theme };
}

export interface Candidate {
  code: string;
  /** Its CSS module (css-modules style). */
  css?: string;
  /** The worst width's terms for a responsive design. */
  scores: Scores;
  round: number;
  /** A responsive design: each viewport's scores, widest first. */
  widths?: Array<{ design: string; width: number; scores: Scores }>;
}

/** A responsive candidate as one scored candidate: the worst width stands for it, every width rides along. */
async function scoreSet(renderer: Renderer, widths: Design[], code: string, options: Parameters<typeof scoreWidths>[3]) {
  const set = await scoreWidths(renderer, widths, code, options);
  return { render: set.worst.render, scores: set.scores, diff: set.worst.diff, timings: { ...set.worst.render.timings, compare: 0 }, widths: set.widths };
}

export interface RefineResult {
  best: Candidate;
  /** Score of every round's candidate (a skipped round is absent). */
  scores: number[];
  rounds: number;
  usage: Usage;
  /** Why refinement rounds were skipped, for diagnostics. */
  skipped: string[];
}

/** `rule X at line N: why` entries of a POLICY error's message. */
const policyRules = (message: string) => message.match(/rule [a-z-]+ at line \d+: [^;]*/g) ?? undefined;

const checkAborted = (signal: AbortSignal | undefined, file: string) => {
  if (signal?.aborted) throw abortedError(file);
};

/** Validate, format, validate again: the formatted text is what gets written, so it is what must be safe. */
export async function prepareCandidate(code: string, file: string, designPath: string): Promise<string> {
  assertPolicy(code, designPath);
  const formatted = await formatComponent(code, { file });
  assertPolicy(formatted, designPath);
  return formatted;
}

/**
 * Whether a candidate beats the best so far: a higher score, or (typography known) one within a hair of it that sets
 * its text better, since pixels hardly see a wrong weight or family.
 */
export function better(candidate: Scores, best: Scores): boolean {
  if (candidate.typography !== undefined && best.typography !== undefined && Math.abs(candidate.score - best.score) <= 0.002) {
    if (candidate.typography !== best.typography) return candidate.typography > best.typography;
  }
  return candidate.score > best.score;
}

export async function refine(options: RefineOptions): Promise<RefineResult> {
  const { design, provider, renderer, file, rounds, target, tokenBudget, hints, signal, onProgress, styles } = options;
  const name = options.name ?? styles?.name;
  const widths = options.widths && options.widths.length > 1 ? options.widths : undefined;
  const textsPerWidth = widths ? options.textsPerWidth : undefined;
  const texts = options.texts ?? hints?.texts;
  /** The texts of the width a scored candidate stands for (a responsive one's worst). */
  const textsOf = (scored: Scored) => (scored.widths && textsPerWidth ? textsPerWidth[scored.widths.findIndex((w) => w.render === scored.render)] : texts);
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  const scores: number[] = [];
  const skipped: string[] = [];
  const progress = (phase: ProgressEvent['phase'], round: number, message?: string) => onProgress?.({ design: design.path, phase, round, message });

  /** The rules the last refused answer broke: the next round's prompt names them. */
  let refused: string[] | undefined;
  type Scored = Awaited<ReturnType<typeof scoreComponent>> & { widths?: WidthScore[] };
  const attempt = async (round: number, previous?: Candidate & { render: Scored }) => {
    progress(round === 0 ? 'generating' : 'refining', round);
    const result = await provider.generate({
      design,
      widths,
      hints,
      signal,
      renderer,
      name,
      onProgress,
      style: styles?.style,
      theme: styles?.theme,
      root: styles?.root,
      previous: previous && {
        code: previous.code,
        css: previous.css,
        render: previous.render.render.image,
        diff: previous.render.diff,
        scores: previous.scores,
        round: previous.round,
        refused,
        typography: textsOf(previous.render) && typographyOf(textsOf(previous.render)!, previous.render.render.texts)?.misses.slice(0, 8),
        ...(previous.render.widths ? { widths: previous.render.widths.map((w) => ({ width: w.width, render: w.render.image, diff: w.diff, scores: w.scores })) } : {}),
      },
    });
    usage.promptTokens += result.usage.promptTokens;
    usage.completionTokens += result.usage.completionTokens;
    checkAborted(signal, design.path);
    progress('validating', round);
    const { code, css } = await prepareStyled({ code: result.code, css: result.css }, { file, designPath: design.path, context: styles });
    progress('rendering', round);
    const styling = renderStyles({ code, css }, styles);
    const scored: Scored = widths
      ? await scoreSet(renderer, widths, code, { diff: true, name: file, texts, textsPerWidth, ...styling })
      : await scoreComponent(renderer, design, code, { diff: true, name: file, texts, ...styling });
    checkAborted(signal, design.path);
    scores.push(scored.scores.score);
    return { code, css, scores: scored.scores, round, render: scored };
  };

  let best = await attempt(0);
  let current = best;
  let round = 0;
  while (best.scores.score < target && round < rounds) {
    if (tokenBudget !== undefined && usage.promptTokens + usage.completionTokens >= tokenBudget) break;
    round++;
    try {
      current = await attempt(round, current);
      refused = undefined;
      if (better(current.scores, best.scores)) best = current;
    } catch (error) {
      if (error instanceof Ui2CodeError && (error.code === 'ABORTED' || error.code === 'NO_BROWSER')) throw error;
      if (signal?.aborted) throw abortedError(design.path);
      skipped.push(`round ${round}: ${describeError(error)}`);
      refused = error instanceof Ui2CodeError && error.code === 'POLICY' ? policyRules(error.message) : undefined;
      current = best;
    }
  }
  const perWidth = best.render.widths?.map((w) => ({ design: w.design, width: w.width, scores: w.scores }));
  return { best: { code: best.code, css: best.css, scores: best.scores, round: best.round, ...(perWidth ? { widths: perWidth } : {}) }, scores, rounds: round, usage, skipped };
}
