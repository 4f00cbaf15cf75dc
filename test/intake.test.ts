// Intake of design images: every flavour decodes, every bad file is refused clearly, none crashes or hangs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { decodeImage, readDesign, scaleFromName } from '../src/intake/decode.js';
import { isUi2CodeError } from '../src/errors.js';
import { fixturesDir, tempDir } from './support/paths.js';

const dir = tempDir();
const write = (name: string, bytes: Buffer | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};
const card = fs.readFileSync(path.join(fixturesDir, 'engine/card.png'));

function png(width: number, height: number, options: Partial<{ fill: number[] }> = {}): Buffer {
  const image = new PNG({ width, height });
  const fill = options.fill ?? [10, 20, 30, 255];
  for (let i = 0; i < width * height; i++) image.data.set(fill, i * 4);
  return PNG.sync.write(image);
}

/** A PNG header that claims a size, with a tiny valid-looking body: the classic decompression bomb shape. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.alloc(1000))), chunk('IEND', Buffer.alloc(0))]);
}

const refused = (code: string, pattern: RegExp, file: string) => (error: unknown) =>
  isUi2CodeError(error) && error.code === code && pattern.test(error.message) && error.message.includes(file);

describe('intake', () => {
  it('decodes a PNG design and hashes its bytes', async () => {
    const design = await readDesign(path.join(fixturesDir, 'engine/card.png'));
    assert.equal(design.format, 'png');
    assert.equal(design.image.width, 400);
    assert.equal(design.cssWidth, 400);
    assert.equal(design.scale, 1);
    assert.match(design.hash, /^[0-9a-f]{64}$/);
  });

  it('takes the scale from an @2x suffix', async () => {
    assert.equal(scaleFromName('login@2x.png'), 2);
    assert.equal(scaleFromName('login@3X.webp'), 3);
    assert.equal(scaleFromName('login.png'), 1);
    const design = await readDesign(path.join(fixturesDir, 'engine/card@2x.png'));
    assert.equal(design.image.width, 800);
    assert.equal(design.cssWidth, 400);
    assert.equal(design.cssHeight, 300);
  });

  it('decodes 16-bit, grey, grey+alpha and palette PNGs to 8-bit RGBA', async () => {
    const reference = (await decodeImage(card, 'card.png')).image;
    const variants = {
      rgba16: await sharp(card).toColourspace('rgb16').png().toBuffer(),
      grey: await sharp(card).greyscale().png().toBuffer(),
      greyAlpha: await sharp(card).greyscale().ensureAlpha().png().toBuffer(),
      palette: await sharp(card).png({ palette: true, colors: 64 }).toBuffer(),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      const { image, format } = await decodeImage(bytes, `${name}.png`);
      assert.equal(format, 'png');
      assert.equal(image.data.length, 400 * 300 * 4, name);
      // The top-left pixel is the card's background: the same (within rounding, grey aside) in every flavour.
      const [r, g, b, a] = image.data.subarray(0, 4);
      assert.equal(a, 255, name);
      if (name === 'rgba16' || name === 'palette') assert.ok(Math.abs(r - reference.data[0]) <= 2 && Math.abs(b - reference.data[2]) <= 2, `${name}: ${r},${g},${b}`);
      else assert.ok(r === g && g === b, `${name} is grey`);
    }
  });

  it('decodes JPEG and WebP, sniffing the format from the bytes, not the name', async () => {
    const jpeg = await sharp(card).jpeg({ quality: 95 }).toBuffer();
    const webp = await sharp(card).webp({ lossless: true }).toBuffer();
    const fromJpeg = await readDesign(write('actually-jpeg.png', jpeg));
    assert.equal(fromJpeg.format, 'jpeg');
    assert.equal(fromJpeg.image.width, 400);
    const fromWebp = await readDesign(write('design.webp', webp));
    assert.equal(fromWebp.format, 'webp');
    assert.deepEqual([...fromWebp.image.data.subarray(0, 4)], [...(await readDesign(path.join(fixturesDir, 'engine/card.png'))).image.data.subarray(0, 4)]);
  });

  it('flattens alpha on white', async () => {
    const transparent = await readDesign(write('transparent.png', png(4, 4, { fill: [0, 0, 0, 0] })));
    assert.deepEqual([...transparent.image.data.subarray(0, 4)], [255, 255, 255, 255]);
    const half = await readDesign(write('half.png', png(4, 4, { fill: [0, 0, 0, 128] })));
    assert.deepEqual([...half.image.data.subarray(0, 4)], [127, 127, 127, 255]);
  });

  it('accepts a 1x1 image', async () => {
    const design = await readDesign(write('dot.png', png(1, 1)));
    assert.equal(design.cssWidth, 1);
  });

  it('refuses bad files with a clear error naming the file', async () => {
    const empty = write('empty.png', Buffer.alloc(0));
    await assert.rejects(readDesign(empty), refused('BAD_IMAGE', /empty/, empty));
    const truncated = write('truncated.png', card.subarray(0, card.length / 2));
    await assert.rejects(readDesign(truncated), refused('BAD_IMAGE', /PNG/, truncated));
    const badCrc = Buffer.from(card);
    badCrc[29] ^= 0xff; // inside IHDR's CRC
    const crcFile = write('bad-crc.png', badCrc);
    await assert.rejects(readDesign(crcFile), refused('BAD_IMAGE', /PNG/, crcFile));
    const text = write('notes.png', Buffer.from('hello, I am not an image'));
    await assert.rejects(readDesign(text), refused('BAD_IMAGE', /not a PNG, JPEG or WebP/, text));
    const cut = write('cut.png', card.subarray(0, 12));
    await assert.rejects(readDesign(cut), refused('BAD_IMAGE', /truncated|malformed/, cut));
    const missing = path.join(dir, 'missing.png');
    await assert.rejects(readDesign(missing), refused('BAD_IMAGE', /ENOENT/, missing));
  });

  it('refuses a decompression bomb before decoding it', async () => {
    const bomb = write('bomb.png', pngClaiming(100000, 100000));
    await assert.rejects(readDesign(bomb), refused('IMAGE_LIMIT', /100000x100000/, bomb));
    const tooMany = write('many.png', pngClaiming(8000, 8000));
    await assert.rejects(readDesign(tooMany), refused('IMAGE_LIMIT', /megapixels/, tooMany));
    const zero = write('zero.png', pngClaiming(0, 10));
    await assert.rejects(readDesign(zero), refused('BAD_IMAGE', /no pixels/, zero));
    await assert.rejects(readDesign(path.join(fixturesDir, 'engine/card.png'), { maxBytes: 100 }), (e: unknown) => isUi2CodeError(e, 'IMAGE_LIMIT'));
    await assert.rejects(readDesign(path.join(fixturesDir, 'engine/card.png'), { maxSide: 100 }), (e: unknown) => isUi2CodeError(e, 'IMAGE_LIMIT'));
  });
});
