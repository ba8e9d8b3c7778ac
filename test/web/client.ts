// A tiny HTTP client with a cookie jar for the web tests: real requests over loopback, no redirects
// followed unless asked, forms posted as application/x-www-form-urlencoded with the page's CSRF token.

export class Client {
  readonly cookies = new Map<string, string>();
  /** Raw Set-Cookie headers of the last response. */
  lastSetCookie: string[] = [];

  /** `from`: a loopback address to send from (127.0.0.2, …), so a test can be several clients. */
  constructor(readonly base: string, private readonly from?: { fetch: typeof fetch; dispatcher: unknown }) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = this.from
      ? await this.from.fetch(this.base + path, { ...init, headers, redirect: 'manual', dispatcher: this.from.dispatcher } as RequestInit)
      : await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const c of this.lastSetCookie) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: string }> {
    const res = await this.request(path, { headers });
    return { res, body: await res.text() };
  }

  /** GETs `formPage`, takes its first CSRF token, and posts `fields` to `action`. */
  async submit(formPage: string, action: string, fields: Record<string, string>): Promise<{ res: Response; body: string }> {
    const page = await this.get(formPage);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no CSRF token on ${formPage}`);
    return this.post(action, { _csrf: token, ...fields });
  }

  async post(action: string, fields: Record<string, string>): Promise<{ res: Response; body: string }> {
    const res = await this.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return { res, body: await res.text() };
  }
}

/** Visible text of an HTML fragment (tags dropped, entities of quotes and angle brackets decoded). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part of a page between `<tag … id="id"` and its closing tag (first match; no nesting of the same tag). */
export function section(html: string, startMarker: string, endMarker: string): string {
  const i = html.indexOf(startMarker);
  if (i < 0) return '';
  const j = html.indexOf(endMarker, i);
  return html.slice(i, j < 0 ? undefined : j);
}
