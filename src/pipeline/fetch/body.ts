// Reading a response body under a size cap: the wire bytes are counted while they stream in, and the
// decoded (decompressed) bytes are capped again, so a small gzip bomb cannot balloon in memory.
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LedeError } from '../../domain/errors.ts';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MiB`;

export function tooLarge(url: string, maxBytes: number, what: string): LedeError {
  return new LedeError('too_large', `${what} of ${url} exceeds the ${mib(maxBytes)} limit`, { details: { url, maxBytes } });
}

/** Collects the wire bytes of a body, stopping (and destroying the stream) as soon as they exceed maxBytes. */
export async function readCapped(body: Readable, maxBytes: number, url: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(url, maxBytes, 'the response');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The content codings of a response, in the order they must be undone. */
export function contentCodings(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
}

/**
 * Undoes gzip/deflate/br with maxOutputLength, so decompression stops at the cap instead of filling memory.
 * Truncated streams yield what decoded (the sync-flush finish), as browsers show a cut-off page.
 */
export async function decodeContent(raw: Buffer, codings: string[], maxBytes: number, url: string): Promise<Buffer> {
  let buf = raw;
  for (const coding of codings) {
    // Servers that label a plain body as compressed are common enough to forgive when the bytes say so.
    if ((coding === 'gzip' || coding === 'x-gzip') && !(buf[0] === 0x1f && buf[1] === 0x8b) && looksLikeText(buf)) continue;
    const opts = { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    try {
      if (coding === 'gzip' || coding === 'x-gzip') buf = await gunzip(buf, opts);
      // "deflate" should be zlib-wrapped, but many servers send raw deflate: tell them apart by the zlib header.
      else if (coding === 'deflate') buf = buf.length >= 2 && (buf[0] & 0x0f) === 8 && ((buf[0] << 8) | buf[1]) % 31 === 0 ? await inflate(buf, opts) : await inflateRaw(buf, opts);
      else if (coding === 'br') buf = await brotli(buf, { maxOutputLength: maxBytes, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      else throw new LedeError('fetch_failed', `${url} uses the unsupported content coding "${coding}"`);
    } catch (e) {
      if (e instanceof LedeError) throw e;
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw tooLarge(url, maxBytes, 'the decompressed response');
      if (looksLikeText(buf)) continue;
      throw new LedeError('fetch_failed', `cannot decode the ${coding} response of ${url}: ${(e as Error).message}`, { cause: e });
    }
  }
  return buf;
}

/** Uncompressed markup or JSON: starts (after a BOM and whitespace) with '<' or '{'. */
function looksLikeText(buf: Buffer): boolean {
  const head = buf.subarray(0, 64).toString('latin1').replace(/^\xEF\xBB\xBF/, '').trimStart();
  return head.startsWith('<') || head.startsWith('{');
}
