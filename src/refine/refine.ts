// Refinement: score each candidate, ask for a better one while the score is under the target and rounds remain, and
// keep the best. A round that scores worse is never kept; a refinement candidate that is unsafe or broken is skipped.
import { scoreComponent, scoreWidths, type WidthScore } from '../compare/score-component.js';
import { abortedError, describeError, Ui2CodeError } from '../errors.js';
import { formatComponent } from '../format/format.js';
import type { Provider } from '../generate/provider.js';
import type { Renderer } from '../render/pool.js';
import type { Design, Hints, ProgressEvent, Scores, Usage } from '../types.js';
import { assertPolicy } from '../validate/policy.js';

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
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
}

export interface Candidate {
  code: string;
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

export async function refine(options: RefineOptions): Promise<RefineResult> {
  const { design, provider, renderer, file, name, rounds, target, tokenBudget, hints, signal, onProgress } = options;
  const widths = options.widths && options.widths.length > 1 ? options.widths : undefined;
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
      previous: previous && {
        code: previous.code,
        render: previous.render.render.image,
        diff: previous.render.diff,
        scores: previous.scores,
        round: previous.round,
        refused,
        ...(previous.render.widths ? { widths: previous.render.widths.map((w) => ({ width: w.width, render: w.render.image, diff: w.diff, scores: w.scores })) } : {}),
      },
    });
    usage.promptTokens += result.usage.promptTokens;
    usage.completionTokens += result.usage.completionTokens;
    checkAborted(signal, design.path);
    progress('validating', round);
    const code = await prepareCandidate(result.code, file, design.path);
    progress('rendering', round);
    const scored: Scored = widths ? await scoreSet(renderer, widths, code, { diff: true, name: file, texts: hints?.texts }) : await scoreComponent(renderer, design, code, { diff: true, name: file, texts: hints?.texts });
    checkAborted(signal, design.path);
    scores.push(scored.scores.score);
    return { code, scores: scored.scores, round, render: scored };
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
      if (current.scores.score > best.scores.score) best = current;
    } catch (error) {
      if (error instanceof Ui2CodeError && (error.code === 'ABORTED' || error.code === 'NO_BROWSER')) throw error;
      if (signal?.aborted) throw abortedError(design.path);
      skipped.push(`round ${round}: ${describeError(error)}`);
      refused = error instanceof Ui2CodeError && error.code === 'POLICY' ? policyRules(error.message) : undefined;
      current = best;
    }
  }
  const perWidth = best.render.widths?.map((w) => ({ design: w.design, width: w.width, scores: w.scores }));
  return { best: { code: best.code, scores: best.scores, round: best.round, ...(perWidth ? { widths: perWidth } : {}) }, scores, rounds: round, usage, skipped };
}
