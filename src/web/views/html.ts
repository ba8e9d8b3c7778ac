// Typed HTML templates: hono's `html` tag escapes every interpolated string; `raw` marks HTML that is
// already safe (sanitised article bodies, escaped comment bodies, highlights).
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export { html, raw };
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** Renders a template to a string (for caching fragments). */
export async function render(h: Html): Promise<string> {
  return String(await h);
}
