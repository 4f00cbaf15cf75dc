// The chat messages of one request: the design (downscaled for upload) and the versioned prompt; on refinement rounds
// also the render, the diff and the code.
import type OpenAI from 'openai';
import { encodePng } from '../intake/png.js';
import { fitWithin } from '../intake/resize.js';
import type { RgbaImage } from '../types.js';
import { refinePrompt, responsivePrompt, systemPrompt, userPrompt } from './prompt.js';
import type { GenerateRequest } from './provider.js';

/**
 * How an image goes in `image_url.url`: a data URL (the OpenAI format, default) or bare base64, the format Zhipu's own
 * documentation and SDK use (its older GLM-4V models refused the data: prefix).
 */
export type ImageEncoding = 'data-url' | 'base64';

const imageUrl = (image: RgbaImage, encoding: ImageEncoding) => {
  const base64 = encodePng(image).toString('base64');
  return encoding === 'base64' ? base64 : `data:image/png;base64,${base64}`;
};

export async function buildMessages(request: GenerateRequest, maxUploadSide = 2048, encoding: ImageEncoding = 'data-url'): Promise<OpenAI.ChatCompletionMessageParam[]> {
  const { design, hints, previous } = request;
  const image = async (img: RgbaImage) => ({ type: 'image_url' as const, image_url: { url: imageUrl(await fitWithin(img, maxUploadSide), encoding) } });
  // A responsive design: every viewport's image in one request, each labelled with its width.
  const widths = request.widths && request.widths.length > 1 ? request.widths : undefined;
  const label = (text: string): OpenAI.ChatCompletionContentPart => ({ type: 'text', text });
  const content: OpenAI.ChatCompletionContentPart[] = widths
    ? [
        ...(await Promise.all(widths.map(async (d) => [label(`Design at ${d.cssWidth}px wide (${d.cssWidth}x${d.cssHeight} CSS px):`), await image(d.image)]))).flat(),
        label(responsivePrompt({ widths: widths.map((d) => ({ width: d.cssWidth, height: d.cssHeight })), hints })),
      ]
    : [await image(design.image), { type: 'text', text: userPrompt({ width: design.cssWidth, height: design.cssHeight, hints }) }];
  if (previous?.widths && widths) {
    for (const w of previous.widths) {
      content.push(label(`Render of the current code at ${w.width}px wide${w.diff ? ', then its diff' : ''}:`), await image(w.render));
      if (w.diff) content.push(await image(w.diff));
    }
    content.push(label(refinePrompt({ code: previous.code, scores: previous.scores, round: previous.round + 1, hasDiff: previous.widths.some((w) => w.diff), refused: previous.refused, widths: previous.widths })));
  } else if (previous) {
    content.push(await image(previous.render));
    if (previous.diff) content.push(await image(previous.diff));
    content.push({ type: 'text', text: refinePrompt({ code: previous.code, scores: previous.scores, round: previous.round + 1, hasDiff: Boolean(previous.diff), refused: previous.refused }) });
  }
  return [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content },
  ];
}
