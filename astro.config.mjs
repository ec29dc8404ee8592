// @ts-check
import { defineConfig } from 'astro/config';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// ASTRO_OUT_DIR lets several builds run side by side (tests, benchmarks); `dist/` is the default.
export default defineConfig({
  site: 'http://127.0.0.1:4321',
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [rehypeKatex],
    syntaxHighlight: 'shiki',
  },
  devToolbar: { enabled: false },
  telemetry: false,
});
