// The page shell: skip link, header with navigation, search and account, main landmark, footer.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { csrfToken } from '../auth.ts';
import { STYLE_HREF } from '../static.ts';
import { html, raw, type Html } from './html.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Alternate feeds of this page (RSS, Atom, JSON Feed). */
  feeds?: { base: string; title: string };
  canonical?: string;
  noindex?: boolean;
  /** The search box keeps the query on the search page. */
  query?: string;
}

export function csrfField(c: Context<Env>): Html {
  return html`<input type="hidden" name="_csrf" value="${csrfToken(c)}">`;
}

function themeLinks(c: Context<Env>): Html {
  const theme = c.get('theme');
  const back = encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''));
  // Without JavaScript the server cannot know the system's scheme, so both choices are offered until one is made.
  // Short visible words keep the header on one line at 360 px; the accessible name says what they switch.
  const link = (set: string, label: string) => html`<a class="theme-toggle" href="/theme?set=${set}&amp;back=${back}" aria-label="${label}">${label.replace(' theme', '')}</a>`;
  if (theme === 'dark') return html`${link('light', 'Light theme')}${link('auto', 'System theme')}`;
  if (theme === 'light') return html`${link('dark', 'Dark theme')}${link('auto', 'System theme')}`;
  return html`${link('light', 'Light theme')}${link('dark', 'Dark theme')}`;
}

function accountNav(c: Context<Env>): Html {
  const a = c.get('account');
  if (!a) {
    const back = encodeURIComponent(c.req.path);
    return html`<a href="/signin?back=${back}">Sign in</a><a href="/signup?back=${back}">Sign up</a>`;
  }
  const admin = a.role === 'admin' ? html`<a href="/admin">Admin</a>` : a.role === 'moderator' ? html`<a href="/admin/comments">Moderation</a>` : '';
  return html`<span class="who">${a.name}</span>${admin}
    <form method="post" action="/signout" class="inline">${csrfField(c)}<button type="submit" class="link">Sign out</button></form>`;
}

export function layout(c: Context<Env>, meta: PageMeta, main: Html | string): Html {
  const theme = c.get('theme');
  const title = meta.title ? `${meta.title} · Lede` : 'Lede';
  const feeds = meta.feeds
    ? html`<link rel="alternate" type="application/rss+xml" title="${meta.feeds.title} (RSS)" href="${meta.feeds.base}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${meta.feeds.title} (Atom)" href="${meta.feeds.base}/feed.atom">
<link rel="alternate" type="application/feed+json" title="${meta.feeds.title} (JSON Feed)" href="${meta.feeds.base}/feed.json">`
    : '';
  return html`<!doctype html>
<html lang="en"${theme ? raw(` data-theme="${theme}"`) : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.noindex ? raw('<meta name="robots" content="noindex">') : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
<meta name="color-scheme" content="${theme ?? 'light dark'}">
<link rel="stylesheet" href="${STYLE_HREF}">
${feeds}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/" aria-label="Lede home"><span aria-hidden="true">▍</span>Lede</a>
    <form class="search" role="search" method="get" action="/search">
      <label for="q" class="vh">Search articles</label>
      <input id="q" name="q" type="search" placeholder="Search articles" value="${meta.query ?? ''}" maxlength="200">
      <button type="submit">Search</button>
    </form>
    <nav class="account" aria-label="Account">${accountNav(c)}${themeLinks(c)}</nav>
  </div>
  <nav class="sections" aria-label="Sections">
    <a href="/">Top stories</a><a href="/latest">Latest</a><a href="/hashtags">Hashtags</a><a href="/outlets">Outlets</a>
  </nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
<footer class="site">
  <p>Lede — one clean copy of every article, every outlet credited.
  <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a> · <a href="/api/openapi.json">API</a></p>
</footer>
</body>
</html>`;
}
