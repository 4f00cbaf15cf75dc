// A damaged image is refused in our words: the message names the file and what is wrong with it, and no decoder's own
// text ("read requests waitng on finished stream", libvips' names) reaches the user.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { readDesign } from '../src/intake/decode.js';
import { isUi2CodeError } from '../src/errors.js';
import { fixturesDir, tempDir } from './support/paths.js';

const dir = tempDir();
const card = fs.readFileSync(path.join(fixturesDir, 'engine/card.png'));
const LIBRARY_WORDS = /waitng|stream|vips|VipsJpeg|libjpeg|libwebp|zlib|inflate|sharp|Input buffer/i;

async function refusal(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  try {
    await readDesign(file);
  } catch (error) {
    assert.ok(isUi2CodeError(error, 'BAD_IMAGE'), `${name}: ${String(error)}`);
    const message = (error as Error).message;
    assert.ok(message.startsWith(`${file}: `), `the message names the file: ${message}`);
    assert.doesNotMatch(message, LIBRARY_WORDS, `no library text: ${message}`);
    return message;
  }
  assert.fail(`${name} was accepted`);
}

describe('damaged images, in our words', () => {
  it('a truncated PNG says the file ends early', async () => {
    assert.match(await refusal('cut.png', card.subarray(0, Math.floor(card.length * 0.6))), /not a readable PNG: the file ends early/);
  });

  it('a PNG with a broken checksum says it is corrupted', async () => {
    const broken = Buffer.from(card);
    // The first IDAT chunk's data: flip a byte so its CRC no longer matches.
    const idat = broken.indexOf('IDAT');
    broken[idat + 10] ^= 0xff;
    assert.match(await refusal('crc.png', broken), /not a readable PNG: .*corrupted/);
  });

  it('a truncated JPEG and a truncated WebP say the file ends early or is corrupted', async () => {
    const jpeg = await sharp(card).jpeg({ quality: 85 }).toBuffer();
    assert.match(await refusal('cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.5))), /not a readable JPEG: (the file ends early|the image data is corrupted)/);
    const webp = await sharp(card).webp({ quality: 80 }).toBuffer();
    assert.match(await refusal('cut.webp', webp.subarray(0, Math.floor(webp.length * 0.5))), /not a readable WEBP: (the file ends early|the image data is corrupted|its data could not be decoded)/);
  });
});
