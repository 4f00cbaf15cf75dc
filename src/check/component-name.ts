// The component name a design's file gets, for pairing by name: the very function convert names files with, so the
// check pairs exactly as convert writes.
import { componentName } from '../write/names.js';

export function componentNameFor(designPath: string, viewportPattern?: string): string {
  return componentName(designPath, [], viewportPattern);
}
