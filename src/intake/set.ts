// A responsive design's images, read together: one Design per viewport, widest first. The widest is the design the
// component is named and keyed by in the stages that take one image; every stage that checks takes them all.
import path from 'node:path';
import type { ImageLimits } from '../config/types.js';
import type { DesignGroup } from '../designs.js';
import { Ui2CodeError } from '../errors.js';
import type { Design } from '../types.js';
import { readDesign } from './decode.js';

/** Every image of the group decoded, widest first; two images of one width are a naming mistake, not two viewports. */
export async function readDesignSet(group: Pick<DesignGroup, 'files'>, limits: Partial<ImageLimits> = {}): Promise<Design[]> {
  const designs = await Promise.all(group.files.map((file) => readDesign(file, limits)));
  return sortByWidth(designs);
}

/** Widest first; throws BAD_IMAGE naming both files when two viewports share a CSS width. */
export function sortByWidth(designs: Design[]): Design[] {
  const sorted = [...designs].sort((a, b) => b.cssWidth - a.cssWidth);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].cssWidth === sorted[i - 1].cssWidth) {
      throw new Ui2CodeError(
        'BAD_IMAGE',
        `${path.basename(sorted[i].path)} and ${path.basename(sorted[i - 1].path)} are both ${sorted[i].cssWidth} CSS px wide: the images of one responsive design must differ in width (a scale suffix such as @2x gives the device scale)`,
        { file: sorted[i].path },
      );
    }
  }
  return sorted;
}

/** A content hash over every image of the set: one image keeps its own hash (old cache keys stay valid). */
export const setHash = (designs: readonly Design[]) => (designs.length === 1 ? designs[0].hash : designs.map((d) => `${d.cssWidth}:${d.hash}`).join('+'));
