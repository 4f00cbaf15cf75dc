// Run by `npm run build`: the page runtime with our React, shipped in the package so that a project without React of
// its own (a CI job that only runs `check`) still renders.
import { writeFile } from 'node:fs/promises';
import { PREBUILT_RUNTIME, buildRuntime } from './bundle.js';

await writeFile(PREBUILT_RUNTIME, await buildRuntime());
