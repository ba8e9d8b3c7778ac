// The page shell: skip link, header with navigation, search and account, main landmark, footer.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { csrfToken } from '../auth.ts';
import { KEYS_SRC, STYLE_HREF } from '../static.ts';
import { html, raw, type Html } from './html.ts';
import { currentLocale, direction, t } from '../i18n/index.ts';

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
  const link = (set: string) => html`<a class="theme-toggle" href="/theme?set=${set}&amp;back=${back}" aria-label="${t('layout.themeLabel', { set })}">${t('layout.theme', { set })}</a>`;
  if (theme === 'dark') return html`${link('light')}${link('auto')}`;
  if (theme === 'light') return html`${link('dark')}${link('auto')}`;
  return html`${link('light')}${link('dark')}`;
}

/** The switch to the other interface language, each named in its own language. */
function languageLink(c: Context<Env>): Html {
  const path = c.req.path + (new URL(c.req.url).search || '');
  const [set, name, dir] = currentLocale() === 'ar' ? ['en', 'English', 'ltr'] : ['ar', 'العربية', 'rtl'];
  // A signed-in reader's choice is saved on the account: a form post, as every change of state.
  if (c.get('account')) {
    return html`<form method="post" action="/language" class="inline">${csrfField(c)}<input type="hidden" name="set" value="${set}"><input type="hidden" name="back" value="${path}"><button type="submit" class="link lang-toggle" lang="${set}" dir="${dir}">${name}</button></form>`;
  }
  return html`<a class="lang-toggle" href="/language?set=${set}&amp;back=${encodeURIComponent(path)}" lang="${set}" dir="${dir}" hreflang="${set}">${name}</a>`;
}

function accountNav(c: Context<Env>): Html {
  const a = c.get('account');
  if (!a) {
    const back = encodeURIComponent(c.req.path);
    return html`<a href="/signin?back=${back}">${t('layout.signIn')}</a><a href="/signup?back=${back}">${t('layout.signUp')}</a>`;
  }
  const admin = a.role === 'admin' ? html`<a href="/admin">${t('layout.admin')}</a>` : a.role === 'moderator' ? html`<a href="/admin/comments">${t('layout.moderation')}</a>` : '';
  return html`<a href="/my">${t('layout.my')}</a><span class="who" dir="auto">${a.name}</span>${admin}
    <form method="post" action="/signout" class="inline">${csrfField(c)}<button type="submit" class="link">${t('layout.signOut')}</button></form>`;
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
<html lang="${currentLocale()}"${direction() === 'rtl' ? raw(' dir="rtl"') : ''}${theme ? raw(` data-theme="${theme}"`) : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta.description ? html`<meta name="description" content="${meta.description}">` : ''}
${meta.noindex ? raw('<meta name="robots" content="noindex">') : ''}
${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}">` : ''}
<meta name="color-scheme" content="${theme ?? 'light dark'}">
<link rel="stylesheet" href="${STYLE_HREF}">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/static/icon-192.png">
<meta name="theme-color" content="#1c1d21">
<script src="${KEYS_SRC}" defer></script>
${feeds}
</head>
<body>
<a class="skip" href="#main">${t('layout.skip')}</a>
<header class="site">
  <div class="bar">
    <a class="brand" href="/" aria-label="${t('layout.home')}"><span aria-hidden="true">▍</span>Lede</a>
    <form class="search" role="search" method="get" action="/search">
      <label for="q" class="vh">${t('layout.searchLabel')}</label>
      <input id="q" name="q" type="search" placeholder="${t('layout.searchLabel')}" value="${meta.query ?? ''}" maxlength="200" dir="auto">
      <button type="submit">${t('layout.searchButton')}</button>
    </form>
    <nav class="account" aria-label="${t('layout.account')}">${accountNav(c)}${themeLinks(c)}${languageLink(c)}</nav>
  </div>
  <nav class="sections" aria-label="${t('layout.sections')}">
    <a href="/">${t('layout.top')}</a><a href="/latest">${t('layout.latest')}</a><a href="/hashtags">${t('layout.hashtags')}</a><a href="/outlets">${t('layout.outlets')}</a><a href="/briefing">${t('layout.briefing')}</a>
  </nav>
</header>
<main id="main" tabindex="-1">
${main}
</main>
${keysDialog()}
<footer class="site">
  <p>${t('layout.footer')}
  <a href="/feed.xml">RSS</a> · <a href="/feed.atom">Atom</a> · <a href="/feed.json">JSON Feed</a> · <a href="/api/openapi.json">API</a></p>
</footer>
</body>
</html>`;
}

/** The keyboard help, opened by "?" (keys.js); without JavaScript it is never shown. */
function keysDialog(): Html {
  const keys: [string, string][] = [['j', t('my.key.next')], ['k', t('my.key.prev')], ['o', t('my.key.open')], ['s', t('my.key.star')], ['m', t('my.key.read')], ['r', t('my.key.refresh')], ['g h', t('my.key.home')], ['g u', t('my.key.unread')], ['g s', t('my.key.starred')], ['?', t('my.key.help')]];
  return html`<dialog id="keys-dialog" aria-labelledby="keys-title"><h2 id="keys-title">${t('my.keysTitle')}</h2>
<dl class="keys">${keys.map(([k, what]) => html`<dt><kbd>${k}</kbd></dt><dd>${what}</dd>`)}</dl>
<form method="dialog"><button type="submit">${t('my.close')}</button></form></dialog>`;
}
