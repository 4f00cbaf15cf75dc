// What a reply costs: a per-model price table in the provider's currency (RMB for Zhipu's models).
import type { Usage } from '../types.js';

/** Price per million tokens as [input, output]. */
export const PRICES: Record<string, [number, number]> = {
  'glm-4.1v-thinking-flashx': [2, 2],
  'glm-4.1v-thinking-flash': [0, 0],
  'glm-4.5v': [4, 12],
};

/** The model's price, or undefined when it is not in the table (its cost is then counted as 0). */
export function priceOf(model: string): [number, number] | undefined {
  return PRICES[model] ?? (model.endsWith('-flash') && model.startsWith('glm-') ? [0, 0] : undefined);
}

export function costOf(model: string, usage: Usage): number {
  const price = priceOf(model);
  return price ? (usage.promptTokens * price[0] + usage.completionTokens * price[1]) / 1e6 : 0;
}
