// The component name a design's file gets, for pairing by name.
// TODO(write): replace with src/write/names.ts's function when it lands, so the check pairs exactly as convert writes.
import path from 'node:path';

export function componentNameFor(designPath: string): string {
  const stem = path.parse(designPath).name.replace(/@\d+(\.\d+)?x$/i, '');
  const words = stem.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (!name) return 'Design';
  return /^\d/.test(name) ? `Design${name}` : name;
}
