// The parameters of an app's request, as the Google Reader and Fever clients send them: the query and a
// form body together (urlencoded or multipart), repeated keys kept (i=1&i=2).
import type { Context } from 'hono';
import type { Env } from '../context.ts';

export async function requestParams(c: Context<Env>): Promise<URLSearchParams> {
  const p = new URL(c.req.url).searchParams;
  if (c.req.method !== 'POST') return p;
  const type = c.req.header('content-type') ?? '';
  if (/application\/x-www-form-urlencoded/i.test(type)) {
    for (const [k, v] of new URLSearchParams(await c.req.text())) p.append(k, v);
  } else if (/multipart\/form-data/i.test(type)) {
    for (const [k, v] of Object.entries(await c.req.parseBody({ all: true }))) for (const x of [v].flat()) if (typeof x === 'string') p.append(k, x);
  }
  return p;
}
