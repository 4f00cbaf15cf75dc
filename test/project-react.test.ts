// The renderer measures components with the React the user's app runs: the project's own `react` and `react-dom` when
// it has them, else the copy built into the package. react and react-dom are (optional) peer dependencies.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { projectReact } from '../src/render/bundle.js';
import { createRenderer } from '../src/render/pool.js';
import { repoRoot, tempDir } from './support/paths.js';

/** A project whose React says it is `version` (our copy, relabelled), so the render shows whose React ran. */
function projectWithReact(version: string): string {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { react: version, 'react-dom': version } }));
  for (const pkg of ['react', 'react-dom', 'scheduler']) {
    const to = path.join(root, 'node_modules', pkg);
    fs.cpSync(path.join(repoRoot, 'node_modules', pkg), to, { recursive: true });
    if (pkg === 'scheduler') continue;
    for (const file of [path.join(to, 'package.json'), ...fs.readdirSync(path.join(to, 'cjs')).map((f) => path.join(to, 'cjs', f))]) {
      const own = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replaceAll(`"${own}"`, `"${version}"`));
    }
  }
  return root;
}

const showVersion = `import { version } from 'react';\nexport default function V() { return <p style={{ margin: 0, fontSize: 20 }}>{version}</p>; }\n`;
const viewport = { width: 300, height: 40, deviceScaleFactor: 1 };
const renderers: Array<ReturnType<typeof createRenderer>> = [];
after(() => Promise.all(renderers.map((r) => r.close())));

async function versionRendered(root?: string): Promise<string> {
  const renderer = createRenderer({ workers: 1, root });
  renderers.push(renderer);
  const render = await renderer.render(showVersion, viewport);
  return render.texts.map((t) => t.text).join(' ').trim();
}

describe("the project's React", () => {
  const ours = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/react/package.json'), 'utf8')).version as string;

  it('renders with the project’s own react and react-dom when it has them', async () => {
    const root = projectWithReact(`${ours}-app`);
    assert.equal(projectReact(root)?.dir, path.join(root, 'node_modules'));
    assert.equal(await versionRendered(root), `${ours}-app`);
  });

  it('renders with the bundled React when the project has none, or one too old or mismatched', async () => {
    const bare = tempDir();
    fs.writeFileSync(path.join(bare, 'package.json'), '{"name":"bare"}');
    assert.equal(projectReact(bare), undefined);
    assert.equal(await versionRendered(bare), ours);
    assert.equal(projectReact(projectWithReact('17.0.2')), undefined, 'React 17 has no react-dom/client');
    assert.equal(await versionRendered(), ours);
  });

  it('declares react and react-dom as peers, not dependencies, and ships the bundled runtime', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    for (const name of ['react', 'react-dom']) {
      assert.ok(pkg.peerDependencies[name], `${name} is a peer`);
      assert.equal(pkg.dependencies[name], undefined, `${name} is not a dependency`);
    }
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist/src/render/page-runtime.bundle.js')), 'npm run build writes the bundled runtime');
  });
});
