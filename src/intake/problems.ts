// What a decoder's failure means, in our words: library messages ("read requests waitng on finished stream") say
// nothing to a user. The original error stays as the cause, for debugging.
const PROBLEMS: Array<[RegExp, string]> = [
  [/waitng on finished stream|premature end|unexpected end|end of (file|data)|truncat|not enough data/i, 'the file ends early: it is truncated, or was still being written'],
  // pngjs says this both for bytes after the image's end and for damaged compressed data.
  [/content at end of stream|trailing/i, 'the image data is corrupted, or has extra bytes after its end'],
  [/crc|checksum/i, 'the file is corrupted (a checksum does not match)'],
  [/invalid file signature|unsupported image format|unknown format|not a (png|jpeg|webp)/i, 'the bytes are not an image in a format ui2code reads'],
  [/pixel limit|too large|dimensions/i, 'the image is larger than the decoder accepts'],
  [/inflate|incorrect header check|invalid (distance|code|block|stored)|zlib/i, 'the compressed image data is corrupted'],
  [/corrupt|invalid|bad|huffman|marker|header/i, 'the image data is corrupted'],
];

/** The reason a `format` image could not be decoded, from the decoder's error. */
export function decodeProblem(format: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const found = PROBLEMS.find(([pattern]) => pattern.test(message));
  return `not a readable ${format.toUpperCase()}: ${found ? found[1] : 'its data could not be decoded'}`;
}
