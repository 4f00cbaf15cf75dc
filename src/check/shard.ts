// Stable sharding: a design's shard depends only on its path relative to the root, so every machine of a CI matrix
// agrees on the split and adding a design moves no other design.
import { createHash } from 'node:crypto';
import { Ui2CodeError } from '../errors.js';
import type { ShardSpec } from './types.js';

/** `2/4` → { index: 2, count: 4 }; anything else is a CONFIG error. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new Ui2CodeError('CONFIG', `--shard must be <i>/<n> with 1 <= i <= n (got ${JSON.stringify(text)})`);
  }
  return { index, count };
}

/** The 1-based shard an id belongs to out of `count`. */
export function shardOf(id: string, count: number): number {
  const digest = createHash('sha256').update(id).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(id: string, shard: ShardSpec | undefined): boolean {
  return !shard || shardOf(id, shard.count) === shard.index;
}
