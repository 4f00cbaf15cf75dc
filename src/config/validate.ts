// Checks a config object field by field, so a typo or a wrong type is an error that names the file and the field
// rather than an option silently ignored.
import { Ui2CodeError } from '../errors.js';
import type { UserConfig } from './types.js';

type Check = (value: unknown) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'an array' : String(value));

const nonEmptyString: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? null : 'must be a non-empty string');
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const unit: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? null : 'must be a number between 0 and 1');
const integer = (min: number, max = Number.MAX_SAFE_INTEGER): Check => (v) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}`;
const positive = (max: number): Check => (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= max ? null : `must be a number of seconds above 0, at most ${max}`);
const oneOf = (...values: string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.map((x) => `'${x}'`).join(', ')}`);
const httpUrl: Check = (v) => {
  if (typeof v !== 'string') return 'must be a URL';
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'must be an http(s) URL';
  } catch {
    return 'must be a URL';
  }
};

const OVERRIDE_FIELDS: Record<string, Check> = { threshold: unit, target: unit, rounds: integer(0, 20) };
const LIMIT_FIELDS: Record<string, Check> = { maxSide: integer(1), maxPixels: integer(1), maxBytes: integer(1) };

const nested = (fields: Record<string, Check>) => (value: unknown, field: string, fail: (field: string, problem: string, value: unknown) => never) => {
  if (!isObject(value)) fail(field, 'must be an object', value);
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const check = fields[key];
    if (!check) fail(`${field}.${key}`, `is not an option (known: ${Object.keys(fields).join(', ')})`, inner);
    if (inner === undefined) continue;
    const problem = check(inner);
    if (problem) fail(`${field}.${key}`, problem, inner);
  }
};

/** A regular expression with a capture group for the viewport's label. */
function viewportPattern(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return 'must be a regular expression as a string';
  let re: RegExp;
  try {
    re = new RegExp(value);
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`;
  }
  return new RegExp(`${re.source}|`).exec('')!.length < 2 ? 'needs a capture group for the viewport label, e.g. "@(mobile|tablet)$"' : null;
}

const FIELDS: Record<keyof UserConfig, Check | 'overrides' | 'limits'> = {
  designs: nonEmptyString,
  outDir: nonEmptyString,
  provider: oneOf('glm', 'openai', 'local'),
  model: nonEmptyString,
  baseUrl: httpUrl,
  rounds: integer(0, 20),
  target: unit,
  threshold: unit,
  regressionTolerance: unit,
  designOverrides: 'overrides',
  concurrency: integer(1, 1000),
  retryBudget: positive(3600),
  renderWorkers: integer(1, 64),
  browser: nonEmptyString,
  maxUploadSide: integer(64, 16384),
  tokenBudget: integer(1),
  hints: boolean,
  limits: 'limits',
  check: boolean,
  strict: boolean,
  viewportPattern,
};

/** Nearest known option name, for "did you mean". */
function suggest(name: string): string | undefined {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let prev = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
        prev = row[j];
        row[j] = next;
      }
    }
    return row[b.length];
  };
  const best = Object.keys(FIELDS).map((k) => [k, distance(name, k)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 3 ? best[0] : undefined;
}

/**
 * Returns the config typed when every field is known and valid; throws CONFIG naming `source` (the config file or
 * "command line") and the field otherwise. Undefined values count as absent.
 */
export function validateConfig(raw: unknown, source: string): UserConfig {
  const fail = (field: string, problem: string, value: unknown): never => {
    throw new Ui2CodeError('CONFIG', `option '${field}' ${problem} (got ${describe(value)})`, { file: source });
  };
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    throw new Ui2CodeError('CONFIG', `the config must be an object (export default defineConfig({ ... })), got ${describe(raw)}`, { file: source });
  }
  for (const [field, value] of Object.entries(raw)) {
    const check = FIELDS[field as keyof UserConfig];
    if (!check) {
      const near = suggest(field);
      throw new Ui2CodeError('CONFIG', `unknown option '${field}'${near ? ` (did you mean '${near}'?)` : ''}`, { file: source });
    }
    if (value === undefined) continue;
    if (check === 'limits') nested(LIMIT_FIELDS)(value, field, fail);
    else if (check === 'overrides') {
      if (!isObject(value)) return fail(field, "must be an object keyed by design file name (e.g. { 'login.png': { threshold: 0.7 } })", value);
      for (const [design, override] of Object.entries(value)) nested(OVERRIDE_FIELDS)(override, `${field}['${design}']`, fail);
    } else {
      const problem = check(value);
      if (problem) fail(field, problem, value);
    }
  }
  return raw as UserConfig;
}
