// The stylesheet, read once and served under a content-hashed URL so browsers may cache it forever.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const STYLE_CSS = readFileSync(new URL('./static/style.css', import.meta.url), 'utf8');
const hash = createHash('sha256').update(STYLE_CSS).digest('hex').slice(0, 10);
export const STYLE_HREF = `/static/style.${hash}.css`;
