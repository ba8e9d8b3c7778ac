// The image proxy (as Miniflux's media proxy): images in articles and cards are served from Lede, so a
// reader's browser never asks a publisher for them (the publisher cannot tell who reads what) and an
// image still shows when the publisher is down. Proxied URLs are signed with the server key, so the
// proxy fetches only what Lede itself put on a page: it is no open proxy. Fetches go through the
// pipeline's fetcher (SSRF guard on every hop, size and time caps); what is served is checked to be a
// raster image by its first bytes (never SVG, which can carry script), and kept in a disk cache.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import { LedeError } from '../domain/errors.ts';
import { createFetcher, fetcherOptionsFromConfig, type Fetcher } from '../pipeline/fetch/index.ts';
import type { Config } from '../config/index.ts';
import type { Env } from './context.ts';
import { sameString, sign } from './auth.ts';
import { printable } from '../domain/text.ts';

export const IMAGE_PATH = '/img';
const SIGNATURE_LENGTH = 22;
const CACHE_SECONDS = 30 * 86400;

/** Images that could not be had lately (publisher down, not an image): pages leave them out for a while. */
const failed = new Map<string, number>();
const FAILED_MS = 30 * 60_000;

function knownBad(src: string): boolean {
  const until = failed.get(src);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  failed.delete(src);
  return false;
}

/**
 * The URL to put in an `<img src>`: through the proxy when it is on, else the publisher's own; null
 * for an image the proxy failed to get lately, so the page shows no empty frame for it.
 */
export function imageSrc(c: Context<Env>, src: string): string | null {
  const { config } = c.get('web');
  if (!config.imageProxy || !/^https?:\/\//i.test(src)) return src;
  if (knownBad(src)) return null;
  return `${IMAGE_PATH}/${sign(c, 'img', src, SIGNATURE_LENGTH)}/${Buffer.from(src).toString('base64url')}`;
}

/** A transparent 1×1 GIF: what a failed image shows (an empty tile, not a broken-image icon). */
const PLACEHOLDER = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Raster image types by their magic bytes: the only types served. */
export function sniffImage(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp' && /^avi[fs]$/.test(b.subarray(8, 12).toString('latin1'))) return 'image/avif';
  return null;
}

interface Cached { type: string; body: Buffer }

/** Serves `/img/:signature/:encoded`: from the disk cache, else fetched, checked and cached. */
export function imageHandler(config: Config, fetcher?: Fetcher) {
  let own: Fetcher | null = null;
  const fetcherOf = () => fetcher ?? (own ??= createFetcher({
    ...fetcherOptionsFromConfig(config), maxBytes: config.imageMaxBytes, totalTimeoutMs: 15_000, retries: 0, minDelayMs: 0, obeyRobots: false,
  }));
  const dir = config.imageCacheDir;
  const inFlight = new Map<string, Promise<Cached>>();

  const load = async (url: string): Promise<Cached> => {
    const key = createHash('sha256').update(url).digest('hex');
    const file = join(dir, key.slice(0, 2), key);
    try {
      const body = await readFile(file);
      const type = sniffImage(body);
      if (type) return { type, body };
    } catch { /* not cached yet */ }
    const res = await fetcherOf().get(url, { kind: 'feed' });
    const type = sniffImage(res.body);
    if (!type) throw new LedeError('not_found', 'That address does not hold an image Lede serves (JPEG, PNG, GIF, WebP or AVIF).');
    // Written beside, then renamed: a reader never sees half a file, two writers never mix.
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, res.body);
    await rename(tmp, file);
    return { type, body: res.body };
  };

  return async (c: Context<Env>): Promise<Response> => {
    if (!config.imageProxy) throw new LedeError('not_found', 'The image proxy is off.');
    const signature = c.req.param('signature') ?? '';
    const encoded = c.req.param('encoded') ?? '';
    if (!/^[\w-]{1,4000}$/.test(encoded)) throw new LedeError('not_found', 'No such image.');
    const url = Buffer.from(encoded, 'base64url').toString();
    if (!sameString(signature, sign(c, 'img', url, SIGNATURE_LENGTH))) throw new LedeError('forbidden', 'This image address was not made by this server.');
    let pending = inFlight.get(url);
    if (!pending) {
      pending = load(url).finally(() => inFlight.delete(url));
      inFlight.set(url, pending);
    }
    let image: Cached;
    try {
      image = await pending;
    } catch (e) {
      // Publisher down, refused, too large, or not an image: 404 with an empty tile for the browser, and
      // the pages leave this image out for a while. The reason is in the header for whoever debugs it.
      failed.set(url, Date.now() + FAILED_MS);
      if (failed.size > 10_000) failed.delete(failed.keys().next().value!);
      return c.body(new Uint8Array(PLACEHOLDER), 404, {
        'Content-Type': 'image/gif', 'Cache-Control': 'public, max-age=300',
        'X-Lede-Image-Error': printable(e instanceof LedeError ? e.code : 'fetch_failed'),
      });
    }
    return c.body(new Uint8Array(image.body), 200, {
      'Content-Type': image.type,
      'Cache-Control': `public, max-age=${CACHE_SECONDS}, immutable`,
      'Content-Length': String(image.body.length),
    });
  };
}
