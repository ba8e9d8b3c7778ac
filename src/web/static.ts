// Static assets, read once. The stylesheet and the keyboard script are served under content-hashed URLs
// so browsers may cache them forever; the icons and the web app manifest under fixed names.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./static/${name}`, import.meta.url));
const hashed = (body: Buffer | string, name: string, ext: string) => `/static/${name}.${createHash('sha256').update(body).digest('hex').slice(0, 10)}.${ext}`;

export const STYLE_CSS = read('style.css').toString('utf8');
export const STYLE_HREF = hashed(STYLE_CSS, 'style', 'css');
export const KEYS_JS = read('keys.js').toString('utf8');
export const KEYS_SRC = hashed(KEYS_JS, 'keys', 'js');

/** Files under fixed names: body and content type. */
export const FIXED_ASSETS: ReadonlyMap<string, { body: Buffer; type: string }> = new Map([
  ['/static/icon.svg', { body: read('icon.svg'), type: 'image/svg+xml' }],
  ['/static/icon-192.png', { body: read('icon-192.png'), type: 'image/png' }],
  ['/static/icon-512.png', { body: read('icon-512.png'), type: 'image/png' }],
]);

/** The web app manifest: Lede installs as an app that opens on the reader's own page. */
export const MANIFEST = JSON.stringify({
  name: 'Lede',
  short_name: 'Lede',
  description: 'Your news, one clean copy of every story.',
  start_url: '/my',
  scope: '/',
  display: 'standalone',
  background_color: '#141517',
  theme_color: '#1c1d21',
  icons: [
    { src: '/static/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    { src: '/static/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/static/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
  ],
});
