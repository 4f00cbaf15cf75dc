// The Vite plugin with a responsive design, in a real dev server (local engine): the images of a set convert as one
// design, its status lists each width, and the status page's pictures are drawn at each width.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodePng } from '../src/intake/png.js';
import { launchPage, makeProject, startDev, until, type DevProject } from './support/playground.js';
import { responsiveDesignsDir } from './support/responsive.js';

describe('vite plugin and a responsive design', () => {
  let dev: DevProject;
  before(async () => {
    dev = await startDev(makeProject());
  });
  after(async () => {
    await dev?.close();
    fs.rmSync(dev.root, { recursive: true, force: true });
  });

  test('plans.png and plans@mobile.png become one Plans component, shown per width on the status page', async () => {
    for (const name of ['plans.png', 'plans@mobile.png']) fs.copyFileSync(path.join(responsiveDesignsDir, name), path.join(dev.root, 'designs', name));
    await until('the set converted', () => dev.api.statuses().find((s) => s.design === 'designs/plans.png' && s.state === 'done'), 180_000);
    await dev.api.idle();
    assert.deepEqual(dev.api.statuses().map((s) => s.design), ['designs/plans.png'], 'one design for the set');
    const status = dev.api.statuses()[0];
    assert.equal(status.component, 'Plans');
    assert.deepEqual(status.widths?.map((w) => w.width), [960, 375]);
    assert.equal(status.score, Math.min(...status.widths!.map((w) => w.score)));
    assert.deepEqual(fs.readdirSync(path.join(dev.root, 'src/components/generated')).filter((f) => f.endsWith('.tsx')), ['Plans.tsx']);

    for (const [width, height] of [[960, 300], [375, 640]]) {
      for (const kind of ['design', 'render', 'diff']) {
        const res = await fetch(`${dev.url}/__ui2code/image/${encodeURIComponent('designs/plans.png')}/${kind}.png?v=${status.version}&width=${width}`);
        assert.equal(res.status, 200, `${kind} at ${width}`);
        const png = decodePng(Buffer.from(await res.arrayBuffer()), `${kind}.png`);
        assert.deepEqual([png.width, png.height], [width, height], `${kind} at ${width}`);
      }
    }
    const html = await (await fetch(`${dev.url}/__ui2code/`)).text();
    assert.match(html, /"widths":\[\{"width":960/);

    // The page itself, in Chromium: one section per width, each with its design, render and diff drawn at that width.
    const { browser, page } = await launchPage();
    try {
      await page.goto(`${dev.url}/__ui2code/`, { waitUntil: 'networkidle0' });
      const shown = await until('pictures per width', () =>
        page.evaluate(() => {
          const sections = [...document.querySelectorAll('section.width')];
          const imgs = sections.map((s) => [...s.querySelectorAll('figure.design img, figure.render img, figure.diff img')] as HTMLImageElement[]);
          if (sections.length !== 2 || imgs.some((list) => list.length !== 3 || list.some((i) => !i.complete || !i.naturalWidth))) return null;
          return sections.map((s, k) => ({ title: s.querySelector('h4')?.textContent ?? '', widths: imgs[k].map((i) => i.naturalWidth) }));
        }),
      );
      assert.match(shown[0].title, /^960 px · score/);
      assert.match(shown[1].title, /^375 px · score/);
      assert.deepEqual(shown.map((s) => s.widths), [[960, 960, 960], [375, 375, 375]]);
    } finally {
      await browser.close();
    }
  });
});
