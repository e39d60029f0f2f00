// A dist/ like `npm run build` leaves, for process-level tests of the served pages: an index.html of
// realistic size, a hashed JS asset of ~60 KB and its source map (which must never be served).
import { INDEX_MARKER } from './process'

export const ASSET_PATH = '/assets/app-abc123.js'
export const ASSET_MARKER = 'dist-fixture-asset-5e2b'
export const SOURCE_MAP_MARKER = 'dist-fixture-sourcemap-91c4'

/** ~4 KB: above any sensible "too small to compress" threshold, like a real index.html with its preloads. */
export const LARGE_INDEX_HTML = [
  '<!doctype html>',
  '<html lang="en">',
  '<head>',
  '<meta charset="UTF-8" />',
  '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
  '<title>SmartAssist call details</title>',
  `<script type="module" crossorigin src="${ASSET_PATH}"></script>`,
  ...Array.from(
    { length: 40 },
    (_, i) => `<link rel="modulepreload" crossorigin href="/assets/chunk-${i.toString(16)}-d41d8cd9.js">`,
  ),
  '</head>',
  '<body>',
  `<div id="root">${INDEX_MARKER}</div>`,
  '<noscript>The SmartAssist call-details dashboard needs JavaScript.</noscript>',
  '</body>',
  '</html>',
].join('\n')

/** ~60 KB of minified-looking JavaScript (varied, so it compresses like real code, not like one repeated byte). */
export function assetSource(): string {
  const parts = [`/* ${ASSET_MARKER} */`]
  for (let i = 0; parts.join('\n').length < 60 * 1024; i++) {
    parts.push(
      `function f${i}(a,b){const c=a.filter(d=>d.channel===${JSON.stringify(`ch${i % 7}`)}&&d.count>${i % 13});` +
        `return c.reduce((e,g)=>e+g.count*${(i * 31) % 97},b??${i})}export const k${i}=f${i};`,
    )
  }
  return parts.join('\n')
}

export function sourceMap(): string {
  return JSON.stringify({
    version: 3,
    file: 'app-abc123.js',
    sources: [`../../src/${SOURCE_MAP_MARKER}.tsx`],
    sourcesContent: ['export const secretInternals = 42'],
    names: [],
    mappings: 'AAAA',
  })
}

/** The `files` for `workDir`: the JS asset and its source map under dist/assets/. */
export function distAssets(): Record<string, string> {
  return {
    [`dist${ASSET_PATH}`]: assetSource(),
    [`dist${ASSET_PATH}.map`]: sourceMap(),
  }
}
