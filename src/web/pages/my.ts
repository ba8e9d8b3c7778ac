// "My Lede": what a signed-in reader follows, newest first, with unread counts per folder and follow,
// read/unread and star per article, mark all as read, hide read; and the follow buttons other pages show.
// Every action is a form post (works without JavaScript); keys.js adds the keyboard on top.
import type { Context } from 'hono';
import { LedeError } from '../../domain/errors.ts';
import type { ArticleId, Follow, FollowId, FollowKind } from '../../domain/types.ts';
import { FOLLOW_KINDS } from '../../domain/types.ts';
import * as reader from '../../reader/index.ts';
import type { ReadingItem } from '../../store/repository.ts';
import { requireAccount } from '../auth.ts';
import type { Env } from '../context.ts';
import { tIsolated } from '../views/bidi.ts';
import { imageSrc } from '../images.ts';
import { t } from '../i18n/index.ts';
import { html, type Html } from '../views/html.ts';
import { csrfField, layout } from '../views/layout.ts';
import { articleCard } from '../views/parts.ts';
import { safeBack } from './account.ts';
import { formText as str, idParam, now } from './util.ts';

const PAGE = 30;


/** Where a form on a reader page returns to: its `back` field, kept on this site. */
const backOf = (body: Record<string, unknown>, fallback = '/my'): string => (typeof body.back === 'string' ? safeBack(body.back) : fallback);

/** The page's own address, for forms to come back to (with the article's anchor). */
const here = (c: Context<Env>, anchor = ''): string => c.req.path + new URL(c.req.url).search + anchor;

function countBadge(n: number | undefined): Html | string {
  return n ? html` <span class="count" aria-label="${t('my.unreadCount', { n })}">${n > 999 ? '999+' : n}</span>` : '';
}

function itemControls(c: Context<Env>, a: ReadingItem): Html {
  const back = here(c, `#item-${a.id}`);
  return html`<div class="item-actions">
  <form method="post" action="/my/items/${a.id}/read" class="inline">${csrfField(c)}<input type="hidden" name="read" value="${a.read ? '0' : '1'}"><input type="hidden" name="back" value="${back}"><button type="submit" class="link" data-key="m">${a.read ? t('my.markUnread') : t('my.markRead')}</button></form>
  <form method="post" action="/my/items/${a.id}/star" class="inline">${csrfField(c)}<input type="hidden" name="star" value="${a.starred ? '0' : '1'}"><input type="hidden" name="back" value="${back}"><button type="submit" class="link" data-key="s" aria-pressed="${a.starred ? 'true' : 'false'}">${a.starred ? t('my.unstar') : t('my.star')}</button></form>
</div>`;
}

export async function myPage(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const d = c.get('web').reader;
  const view = c.req.query('view') === 'starred' ? 'starred' : 'all';
  const showAll = c.req.query('show') === 'all' || view === 'starred';
  const followId = idParam(c.req.query('follow')) as FollowId | null;
  const folderId = idParam(c.req.query('folder'));
  const before = idParam(c.req.query('before')) as ArticleId | null;
  const [follows, folders] = await Promise.all([d.repo.listFollows(me.id), d.repo.listFolders(me.id)]);
  const counts = await reader.unreadCounts(d, me, follows);
  const follow = followId ? follows.find((f) => f.id === followId) : undefined;
  if (followId && !follow) throw new LedeError('not_found', 'You do not follow that.');
  const folder = folderId ? folders.find((f) => f.id === folderId) : undefined;
  if (folderId && !folder) throw new LedeError('not_found', 'No such folder.');
  const scope = follow ? [follow.id] : folder ? follows.filter((f) => f.folderId === folder.id).map((f) => f.id) : undefined;
  const items = await reader.stream(d, me, { follows: scope, starredOnly: view === 'starred', unreadOnly: !showAll, beforeId: before ?? undefined, limit: PAGE + 1 }, follows);
  const page = items.slice(0, PAGE);
  const title = view === 'starred' ? t('my.starred') : follow ? follow.title : folder ? folder.name : t('my.all');
  const folderCount = (id: number) => follows.filter((f) => f.folderId === id).reduce((n, f) => n + (counts.byFollow.get(f.id) ?? 0), 0);
  const params = (extra: Record<string, string>) => {
    const q = new URLSearchParams();
    if (view === 'starred') q.set('view', 'starred');
    if (follow) q.set('follow', String(follow.id));
    if (folder) q.set('folder', String(folder.id));
    if (showAll && view !== 'starred') q.set('show', 'all');
    for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v); else q.delete(k);
    const s = q.toString();
    return `/my${s ? '?' + s : ''}`;
  };
  const current = (active: boolean) => (active ? html` aria-current="page"` : '');
  const followLink = (f: Follow) => html`<li><a href="/my?follow=${f.id}"${current(follow?.id === f.id)}><bdi>${f.title}</bdi></a> <span class="kind">${t(`my.kind.${f.kind}`)}</span>${countBadge(counts.byFollow.get(f.id))}</li>`;
  const loose = follows.filter((f) => f.folderId === null);
  const tnow = now(c);
  const unreadScope = follow ? counts.byFollow.get(follow.id) ?? 0 : folder ? folderCount(folder.id) : counts.total;

  const nav = html`<nav class="reader-nav" aria-label="${t('my.followsNav')}">
  <ul class="reader-views">
    <li><a href="/my"${current(view === 'all' && !follow && !folder)}>${t('my.all')}</a>${countBadge(counts.total)}</li>
    <li><a href="/my?view=starred"${current(view === 'starred')}>${t('my.starred')}</a></li>
  </ul>
  ${folders.map((fo) => html`<h2 class="folder"><a href="/my?folder=${fo.id}"${current(folder?.id === fo.id)}><bdi>${fo.name}</bdi></a>${countBadge(folderCount(fo.id))}</h2>
  <ul>${follows.filter((f) => f.folderId === fo.id).map(followLink)}</ul>`)}
  ${loose.length ? html`${folders.length ? html`<h2 class="folder">${t('my.noFolder')}</h2>` : ''}<ul>${loose.map(followLink)}</ul>` : ''}
  <p class="meta"><a href="/my/follows">${t('my.manage')}</a> · <a href="/my/settings">${t('my.settings')}</a></p>
</nav>`;

  const markAll = view === 'starred' ? '' : html`<form method="post" action="/my/mark-all" class="inline mark-all">${csrfField(c)}
    ${follow ? html`<input type="hidden" name="follow" value="${follow.id}">` : ''}${folder ? html`<input type="hidden" name="folder" value="${folder.id}">` : ''}
    <input type="hidden" name="back" value="${here(c)}">
    <label for="older" class="vh">${t('my.olderLabel')}</label>
    <select id="older" name="older"><option value="">${t('my.olderAll')}</option><option value="1">${t('my.olderDay')}</option><option value="7">${t('my.olderWeek')}</option></select>
    <button type="submit">${t('my.markAll')}</button></form>`;

  const empty = follows.length === 0 && view !== 'starred'
    ? html`<div class="empty"><p>${t('my.emptyFollows')}</p>${addFeedForm(c)}<p><a href="/outlets">${t('layout.outlets')}</a> · <a href="/hashtags">${t('layout.hashtags')}</a></p></div>`
    : html`<p class="empty">${view === 'starred' ? t('my.emptyStarred') : showAll ? t('my.emptyAll') : t('my.emptyUnread')}</p>`;

  const main = html`<div class="reader" data-reader>
${nav}
<section class="reader-main" aria-labelledby="h-stream">
  <header class="list-head">
    <h1 id="h-stream"><bdi>${title}</bdi>${view === 'starred' ? '' : countBadge(unreadScope)}</h1>
    <div class="reader-tools">${view === 'starred' ? '' : showAll
      ? html`<a href="${params({ show: '', before: '' })}">${t('my.hideRead')}</a>`
      : html`<a href="${params({ show: 'all', before: '' })}">${t('my.showRead')}</a>`}
    ${markAll}
    ${follow ? html` <a href="/my/follows#follow-${follow.id}">${t('my.editFollow')}</a>` : ''}
    <button type="button" class="link keys-help" data-keys-help hidden>${t('my.keysButton')}</button></div>
  </header>
  ${page.length ? html`<ol class="reader-items">${page.map((a) => html`<li id="item-${a.id}" class="reader-item ${a.read ? 'is-read' : 'is-unread'}" data-item="${a.id}">
    ${articleCard(a, tnow, { image: (src) => imageSrc(c, src), headingLevel: 2, snippetMax: 200 })}
    ${itemControls(c, a)}
  </li>`)}</ol>` : empty}
  ${items.length > PAGE ? html`<nav class="pager" aria-label="${t('my.pages')}"><a rel="next" href="${params({ before: String(page[page.length - 1]!.id) })}">${t('parts.older')}</a></nav>` : ''}
</section>
</div>`;
  return c.html(layout(c, { title: t('my.title'), noindex: true }, main));
}

export function addFeedForm(c: Context<Env>, back = '/my'): Html {
  return html`<form method="post" action="/my/follow" class="stack add-feed">${csrfField(c)}
  <input type="hidden" name="kind" value="feed"><input type="hidden" name="back" value="${back}">
  <label for="feed-url">${t('my.addFeedLabel')}</label>
  <div class="row"><input id="feed-url" name="target" type="url" required placeholder="https://example.com/" maxlength="2000"><button type="submit">${t('my.follow')}</button></div>
</form>`;
}

/**
 * A follow or unfollow button for something a page shows (outlet, hashtag, story, entity, search).
 * Signed out: a link to sign in and come back.
 */
export async function followControl(c: Context<Env>, kind: FollowKind, target: string, label?: string): Promise<Html | string> {
  const me = c.get('account');
  const back = here(c);
  if (!me) return html`<p class="follow"><a class="button" href="/signin?back=${encodeURIComponent(back)}">${label ? tIsolated('my.followNamed', { name: label }) : t('my.follow')}</a></p>`;
  const existing = (await c.get('web').repo.listFollows(me.id)).find((f) => f.kind === kind && f.target === target);
  if (existing) {
    return html`<form method="post" action="/my/follows/${existing.id}/delete" class="follow">${csrfField(c)}<input type="hidden" name="back" value="${back}"><button type="submit" class="secondary" aria-pressed="true">${label ? tIsolated('my.followingNamed', { name: label }) : t('my.following')}</button></form>`;
  }
  return html`<form method="post" action="/my/follow" class="follow">${csrfField(c)}<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="target" value="${target}"><input type="hidden" name="back" value="${back}"><button type="submit">${label ? tIsolated('my.followNamed', { name: label }) : t('my.follow')}</button></form>`;
}

// --- actions ------------------------------------------------------------------------------------------

export async function followAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const body = await c.req.parseBody();
  const kind = str(body.kind) as FollowKind;
  if (!FOLLOW_KINDS.includes(kind)) throw new LedeError('bad_input', 'Unknown kind of follow.');
  await reader.follow(c.get('web').reader, me, kind, str(body.target), { folder: str(body.folder) || null });
  return c.redirect(backOf(body), 303);
}

export async function unfollowAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const id = idParam(c.req.param('id')) as FollowId | null;
  if (!id) throw new LedeError('not_found', 'You do not follow that.');
  await reader.unfollow(c.get('web').reader, me, id);
  return c.redirect(backOf(await c.req.parseBody(), '/my/follows'), 303);
}

export async function readAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const id = idParam(c.req.param('id')) as ArticleId | null;
  if (!id) throw new LedeError('not_found', 'No such article.');
  const body = await c.req.parseBody();
  await reader.markRead(c.get('web').reader, me, [id], str(body.read) !== '0');
  return c.redirect(backOf(body), 303);
}

export async function starAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const id = idParam(c.req.param('id')) as ArticleId | null;
  if (!id) throw new LedeError('not_found', 'No such article.');
  const body = await c.req.parseBody();
  await reader.star(c.get('web').reader, me, [id], str(body.star) !== '0');
  return c.redirect(backOf(body), 303);
}

export async function markAllAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const d = c.get('web').reader;
  const body = await c.req.parseBody();
  const follow = idParam(str(body.follow)) as FollowId | null;
  const folder = idParam(str(body.folder));
  const days = Number(str(body.older) || 0);
  if (!Number.isFinite(days) || days < 0 || days > 3650) throw new LedeError('bad_input', 'older must be a number of days');
  const follows = await reader.followScope(d, me, { follow, folder });
  await reader.markAllRead(d, me, { follows, before: days ? new Date(d.now().getTime() - days * 86400_000) : undefined });
  // Back to the list without its cursor: the page it was on is now read.
  return c.redirect(backOf(body).replace(/([?&])before=\d+&?/, '$1').replace(/[?&]$/, ''), 303);
}
