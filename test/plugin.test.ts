// The Vite plugin in a real dev server on a temporary copy of the playground, watched by a real Chromium page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { parseHeader } from '../src/write/header.js';
import { launchPage, makeProject, sampleDesign, startDev, until, variantOf, type DevProject } from './support/playground.js';

describe('vite plugin (dev server, local engine)', () => {
  let dev: DevProject;
  let browser: Browser;
  let page: Page;
  const component = () => path.join(dev.root, 'src/components/generated/Profile.tsx');
  const status = (design: string) => dev.api.statuses().find((s) => s.design === design);

  before(async () => {
    dev = await startDev(makeProject());
    ({ browser, page } = await launchPage());
    await page.goto(dev.url, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#empty');
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
    fs.rmSync(dev.root, { recursive: true, force: true });
  });

  test('a PNG dropped into designs/ yields a valid component file, and the page shows it', async () => {
    fs.copyFileSync(sampleDesign('profile'), path.join(dev.root, 'designs/profile.png'));
    await until('Profile.tsx', () => fs.existsSync(component()));
    await dev.api.idle();
    const source = fs.readFileSync(component(), 'utf8');
    const header = parseHeader(source);
    assert.ok(header, 'the component starts with the ui2code header');
    assert.match(source, /export default function Profile\b/);
    const { checkPolicy } = await import('../src/validate/policy.js');
    // Without Tailwind in the project the style is css-modules: the component imports its own module, which is there.
    assert.deepEqual(checkPolicy(source, { styleModule: 'Profile.module.css' }), []);
    assert.ok(fs.existsSync(component().replace(/\.tsx$/, '.module.css')), 'the CSS module is written beside it');
    assert.equal(status('designs/profile.png')?.state, 'done');

    // The gallery lists it through virtual:ui2code (HMR, no reload) and renders it at the design's size.
    const box = await until('the component in the page', () =>
      page.evaluate(() => {
        const root = document.querySelector('[data-component="Profile"] h2 + div > *') as HTMLElement | null;
        return root && root.textContent !== 'loading…' ? { width: root.getBoundingClientRect().width, height: root.getBoundingClientRect().height } : null;
      }),
    );
    assert.ok(Math.abs(box.width - 400) <= 2 && Math.abs(box.height - 240) <= 2, `rendered ${box.width}x${box.height}`);
    assert.equal(await page.$('#empty'), null);
  });

  test('saving the design again regenerates it, once (a slow two-part write included)', async () => {
    const before = status('designs/profile.png')!;
    const bytes = await variantOf(sampleDesign('profile'), 1);
    const file = path.join(dev.root, 'designs/profile.png');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, bytes.subarray(0, 100));
    await new Promise((resolve) => setTimeout(resolve, 120));
    fs.writeSync(fd, bytes.subarray(100));
    fs.closeSync(fd);
    await until('a new run', () => (status('designs/profile.png')?.runs ?? 0) > before.runs);
    await dev.api.idle();
    await new Promise((resolve) => setTimeout(resolve, 500)); // late watcher events would start another run
    await dev.api.idle();
    const now = status('designs/profile.png')!;
    assert.equal(now.runs, before.runs + 1);
    assert.equal(now.state, 'done');
    assert.equal(dev.logs.filter((l) => l.includes('designs/profile.png →')).length, 2, dev.logs.join('\n'));
  });

  test('temporary files and the plugin’s own writes start nothing', async () => {
    const runs = status('designs/profile.png')!.runs;
    fs.writeFileSync(path.join(dev.root, 'designs/profile.png.crdownload'), 'partial');
    fs.writeFileSync(path.join(dev.root, 'designs/.profile.png.swp'), 'swap');
    fs.writeFileSync(path.join(dev.root, 'designs/profile.png~'), 'backup');
    await new Promise((resolve) => setTimeout(resolve, 600));
    await dev.api.idle();
    assert.equal(status('designs/profile.png')!.runs, runs);
    assert.deepEqual(dev.api.statuses().map((s) => s.design), ['designs/profile.png']);
  });

  test('a hand-edited component is not overwritten: the new version is pending', async () => {
    const edited = fs.readFileSync(component(), 'utf8').replace('export default function Profile', '// my change\nexport default function Profile');
    fs.writeFileSync(component(), edited);
    fs.writeFileSync(path.join(dev.root, 'designs/profile.png'), await variantOf(sampleDesign('profile'), 2));
    const pending = await until('pending', () => (status('designs/profile.png')?.state === 'pending' ? status('designs/profile.png') : null));
    assert.equal(fs.readFileSync(component(), 'utf8'), edited);
    assert.ok(pending.file && pending.file.startsWith('.ui2code/pending/'), pending.file);
    assert.ok(fs.existsSync(path.join(dev.root, pending.file)));
    assert.ok(dev.logs.some((l) => l.startsWith('warn:') && l.includes('Profile.tsx')), dev.logs.join('\n'));
    // The page says so without an error: a notice that the edit is kept and a new version waits.
    await until('the waiting notice', () => page.evaluate(() => document.querySelector('ui2code-overlay')?.shadowRoot?.querySelector('.note.pending')?.textContent?.includes('Profile')));
    // The status page shows the waiting version's diff, with Accept and Discard.
    const diff = await (await fetch(`${dev.url}/__ui2code/pending/diff?design=designs/profile.png`)).text();
    assert.match(diff, /^-\/\/ my change/m);
    // Accept puts the new version in place of the edit (the tests below go on with it).
    const accepted = await fetch(`${dev.url}/__ui2code/pending/accept?design=designs/profile.png`, { method: 'POST' });
    assert.equal(accepted.status, 200, await accepted.clone().text());
    assert.doesNotMatch(fs.readFileSync(component(), 'utf8'), /my change/);
    assert.ok(!fs.existsSync(path.join(dev.root, pending.file)));
    assert.equal(status('designs/profile.png')?.state, 'done');
    await until('the waiting notice gone', () => page.evaluate(() => !document.querySelector('ui2code-overlay')?.shadowRoot?.querySelector('.note.pending')));
  });

  test('a broken PNG shows the persistent overlay, the server keeps serving, and a fixed design clears it', async () => {
    fs.writeFileSync(path.join(dev.root, 'designs/broken.png'), Buffer.from('\x89PNG\r\n\x1a\nthis is not a png'));
    const text = await until('the overlay', () =>
      page.evaluate(() => {
        const el = document.querySelector('ui2code-overlay');
        return el && !(el as HTMLElement).hidden ? (el.shadowRoot?.querySelector('.box')?.textContent ?? '') : '';
      }),
    );
    assert.match(text, /designs\/broken\.png/);
    assert.match(text, /BAD_IMAGE/);
    // Escape closes the error box, as it closes Vite's own overlay.
    await page.keyboard.press('Escape');
    await until('the error box closed by Escape', () => page.evaluate(() => !document.querySelector('ui2code-overlay')?.shadowRoot?.querySelector('.box')));
    const res = await fetch(dev.url + '/');
    assert.equal(res.status, 200);
    // A fresh page gets the failure on connect (the overlay is persistent, not the one-shot HMR overlay).
    await page.reload({ waitUntil: 'networkidle0' });
    await until('the overlay after reload', () => page.evaluate(() => document.querySelector('ui2code-overlay')?.shadowRoot?.textContent?.includes('broken.png')));
    fs.copyFileSync(sampleDesign('pricing'), path.join(dev.root, 'designs/broken.png'));
    await until('the overlay cleared', () => page.evaluate(() => !document.querySelector('ui2code-overlay')?.shadowRoot?.querySelector('.box')));
    await dev.api.idle();
  });

  test('the status page lists every design with its score, live, and regenerates one on request', async () => {
    const statusPage = await browser.newPage();
    try {
      await statusPage.goto(dev.url + '/__ui2code/', { waitUntil: 'networkidle0' });
      const statuses = dev.api.statuses();
      assert.deepEqual(statuses.map((s) => s.design), ['designs/broken.png', 'designs/profile.png']);
      const text = await statusPage.evaluate(() => document.body.innerText);
      for (const s of statuses) {
        assert.ok(text.includes(s.design), `${s.design} listed`);
        assert.ok(typeof s.score === 'number' && text.includes(`score ${s.score.toFixed(3)}`), `${s.design}'s score ${s.score} shown`);
      }
      // Design, render and diff images are served from memory.
      const images = await statusPage.evaluate(() => [...document.querySelectorAll('img')].map((i) => i.src));
      const diff = images.find((src) => src.includes('/diff.png'));
      assert.ok(diff, `a diff image among ${images.join(', ')}: ${text}`);
      const png = await fetch(diff);
      assert.equal(png.headers.get('content-type'), 'image/png');
      assert.ok((await png.arrayBuffer()).byteLength > 100);

      const runs = dev.api.statuses().find((s) => s.design === 'designs/broken.png')!.runs;
      const section = (await statusPage.$$('section.design'))[0];
      await (await section.$('button'))!.click();
      await until('the regenerated run', () => dev.api.statuses().find((s) => s.design === 'designs/broken.png')!.runs === runs + 1);
      await until('live update of the page', () => statusPage.evaluate((n) => document.body.innerText.includes(`runs ${n}`), runs + 1));
      await dev.api.idle();
    } finally {
      await statusPage.close();
    }
  });

  test('removing a design keeps its component and drops its overlay entry', async () => {
    fs.rmSync(path.join(dev.root, 'designs/profile.png'));
    await until('removed', () => dev.api.statuses().find((s) => s.design === 'designs/profile.png')?.state === 'removed');
    assert.ok(fs.existsSync(component()));
  });
});

describe('vite plugin: gallery, code and fonts in the dev server', () => {
  let dev: DevProject;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dev = await startDev(makeProject());
    ({ browser, page } = await launchPage());
    fs.copyFileSync(sampleDesign('profile'), path.join(dev.root, 'designs/profile.png'));
    await until('Profile.tsx', () => fs.existsSync(path.join(dev.root, 'src/components/generated/Profile.tsx')), 120_000);
    await dev.api.idle();
  });
  after(async () => {
    await browser?.close();
    await dev?.close();
    fs.rmSync(dev.root, { recursive: true, force: true });
  });

  test('/__ui2code/gallery renders each generated component beside its design', async () => {
    await page.goto(`${dev.url}/__ui2code/gallery`, { waitUntil: 'networkidle0' });
    const shown = await until('the component in the gallery', () =>
      page.evaluate(() => {
        const entry = document.querySelector('[data-component="Profile"]');
        const frame = entry?.querySelector('.ui2code-frame');
        const design = entry?.querySelector('img.ui2code-design') as HTMLImageElement | null;
        return frame && frame.textContent !== 'loading…' && design?.complete && design.naturalWidth > 0 ? { text: frame.textContent, width: design.naturalWidth } : null;
      }),
    );
    assert.ok(shown.text && shown.text.length > 3, 'the component rendered its texts');
    assert.equal(shown.width, 400, 'the design is shown at its own size');
  });

  test('the status page shows the component code, and the dev page loads the bundled fonts', async () => {
    const code = await fetch(`${dev.url}/__ui2code/code?design=designs/profile.png`);
    assert.equal(code.status, 200);
    assert.equal(await code.text(), fs.readFileSync(path.join(dev.root, 'src/components/generated/Profile.tsx'), 'utf8'));
    assert.equal((await fetch(`${dev.url}/__ui2code/code?design=../../etc/passwd`)).status, 404, 'only known designs');
    const html = await (await fetch(`${dev.url}/`)).text();
    assert.match(html, /<link rel="stylesheet" href="\/__ui2code\/fonts\.css"/);
    const css = await (await fetch(`${dev.url}/__ui2code/fonts.css`)).text();
    assert.match(css, /font-family: 'Arial'/);
    const face = /url\((\/__ui2code\/fonts\/[^)]+\.woff2)\)/.exec(css)?.[1];
    assert.ok(face, 'the stylesheet names font files');
    const font = await fetch(`${dev.url}${face}`);
    assert.equal(font.headers.get('content-type'), 'font/woff2');
  });
});
