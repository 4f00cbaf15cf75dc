import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
// In an app this is `import ui2code from 'ui2code/vite'`; the playground uses the repository's build (`npm run playground` builds first).
import ui2code from '../dist/plugin/index.js';

export default defineConfig({
  plugins: [
    react(),
    ui2code({
      // The offline local engine unless a key is set (ZHIPUAI_API_KEY / OPENAI_API_KEY in the environment or playground/.env).
      designs: 'designs',
      outDir: 'src/components/generated',
    }),
  ],
});
