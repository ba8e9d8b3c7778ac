// Admin: sources and feed health (last fetch, status, error, next poll), adding and removing sources,
// OPML import and export, and the comment moderation queue.
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import type { FeedId, SourceId } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { addKnownFeed, importOutlines, parseOpmlDetailed, toOpml } from '../../pipeline/sources/index.ts';
import { html, type Html } from '../views/html.ts';
import { csrfField, layout } from '../views/layout.ts';
import { timeEl } from '../views/parts.ts';
import { requireAdmin, requireModerator } from '../auth.ts';
import { toHttpError } from '../errors.ts';
import { renderCommentBody, truncate } from '../text.ts';
import { raw } from '../views/html.ts';
import { formText as str, idParam, now } from './util.ts';
import { readersMayAddFeeds } from '../../reader/index.ts';
import { currentLocale, relativeTimeIn, t as msg, type MessageKey } from '../i18n/index.ts';
import { OUTLET_KINDS } from '../../domain/analysis.ts';
import { readOutletPatch } from '../outlets.ts';

const MAX_OPML_BYTES = 2 * 1024 * 1024;

const NOTICES: Record<string, MessageKey> = {
  added: 'adm.notice.added',
  removed: 'adm.notice.removed',
  'feed-removed': 'adm.notice.feedRemoved',
  settings: 'adm.notice.settings',
};

/** The admin pages' own links, the current one marked. */
const adminNav = (current: 'sources' | 'outlets' | 'moderation'): Html => html`<nav class="subnav" aria-label="${msg('adm.title')}">${([['sources', '/admin'], ['outlets', '/admin/outlets'], ['moderation', '/admin/comments']] as const).map(([k, href]) => html`<a href="${href}"${k === current ? raw(' aria-current="page"') : ''}>${msg(`adm.nav.${k}`)}</a>`)}</nav>`;

async function adminPage(c: Context<Env>, message?: { error?: string; notice?: string; status?: 400 | 409 | 413 | 422 }): Promise<Response> {
  requireAdmin(c);
  const { repo } = c.get('web');
  const t = now(c);
  const [sources, feeds, readersAdd] = await Promise.all([repo.listSources(), repo.listFeeds(), readersMayAddFeeds(c.get('web').reader)]);
  const noticeKey = NOTICES[c.req.query('notice') ?? ''];
  const notice = message?.notice ?? (noticeKey ? msg(noticeKey) : undefined);
  const failing = feeds.filter((f) => f.status === 'error' || f.status === 'refused').length;
  return c.html(layout(c, { title: msg('adm.title'), noindex: true }, html`
<h1>${msg('adm.title')}</h1>
${adminNav('sources')}
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="h-health">
  <h2 id="h-health">${msg('adm.health')}</h2>
  <p>${msg('adm.counts', { sources: sources.length, feeds: feeds.length })}${failing ? html`${currentLocale() === 'ar' ? '، ' : ', '}<strong class="warn">${msg('adm.failing', { n: failing })}</strong>` : ''}.</p>
  <div class="table-wrap" role="region" aria-labelledby="h-health" tabindex="0"><table class="feeds">
    <thead><tr><th scope="col">${msg('adm.col.source')}</th><th scope="col">${msg('adm.col.feed')}</th><th scope="col">${msg('adm.col.status')}</th><th scope="col">${msg('adm.col.lastFetch')}</th><th scope="col">${msg('adm.col.nextPoll')}</th><th scope="col">${msg('adm.col.error')}</th><th scope="col"><span class="vh">${msg('adm.col.actions')}</span></th></tr></thead>
    <tbody>${sources.flatMap((s) => {
      const fs = feeds.filter((f) => f.sourceId === s.id);
      const removeSource = html`<form method="post" action="/admin/sources/${s.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="link danger">${msg('adm.removeSource')}</button></form>`;
      if (!fs.length) return [html`<tr><th scope="row"><a href="/outlet/${encodeURIComponent(s.name)}">${s.name}</a></th><td colspan="5" class="meta">${msg('adm.noFeeds')}</td><td>${removeSource}</td></tr>`];
      return fs.map((f, i) => html`<tr>
        ${i === 0 ? html`<th scope="row" rowspan="${fs.length}"><a href="/outlet/${encodeURIComponent(s.name)}">${s.name}</a><br>${removeSource}</th>` : ''}
        <td class="url"><a href="${f.url}" rel="noopener nofollow">${f.title ?? f.url}</a></td>
        <td><span class="status s-${f.status}">${msg('adm.status', { status: f.status })}</span>${f.errorCount ? html` <span class="meta">(${f.errorCount}×)</span>` : ''}</td>
        <td>${f.lastFetchedAt ? timeEl(f.lastFetchedAt, t) : html`<span class="meta">${msg('adm.never')}</span>`}</td>
        <td>${f.nextFetchAt ? html`<time datetime="${f.nextFetchAt}">${new Date(f.nextFetchAt).getTime() <= t.getTime() ? msg('adm.dueNow') : timeUntil(f.nextFetchAt, t)}</time>` : html`<span class="meta">—</span>`}</td>
        <td class="err">${f.error ? truncate(f.error, 160) : ''}</td>
        <td><form method="post" action="/admin/feeds/${f.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="link danger">${msg('adm.removeFeed')}</button></form></td>
      </tr>`);
    })}</tbody>
  </table></div>
</section>
<div class="admin-forms">
<section aria-labelledby="h-readers">
  <h2 id="h-readers">${msg('adm.readers')}</h2>
  <form method="post" action="/admin/settings" class="stack">
    ${csrfField(c)}
    <label><input type="checkbox" name="allow" value="yes"${readersAdd ? raw(' checked') : ''}> ${msg('admin.readersAddFeeds')}</label>
    <p class="meta">${msg('adm.readersNote')}</p>
    <button type="submit">${msg('adm.save')}</button>
  </form>
</section>
<section aria-labelledby="h-add">
  <h2 id="h-add">${msg('adm.add')}</h2>
  <form method="post" action="/admin/sources" class="stack">
    ${csrfField(c)}
    <label for="s-name">${msg('adm.name')}</label><input id="s-name" name="name" required maxlength="200" dir="auto">
    <label for="s-home">${msg('adm.home')}</label><input id="s-home" name="homeUrl" type="url" required placeholder="https://example.com/" dir="ltr">
    <label for="s-feed">${msg('adm.feedUrl')}</label><input id="s-feed" name="feedUrl" type="url" required placeholder="https://example.com/rss.xml" dir="ltr">
    <label for="s-lang">${msg('adm.language')} <span class="meta">${msg('adm.languageHint')}</span></label><input id="s-lang" name="language" maxlength="10" dir="ltr">
    <button type="submit">${msg('adm.addButton')}</button>
  </form>
</section>
<section aria-labelledby="h-opml">
  <h2 id="h-opml">OPML</h2>
  <p><a class="button" href="/admin/opml" download="lede.opml">${msg('adm.export')}</a></p>
  <form method="post" action="/admin/opml" enctype="multipart/form-data" class="stack">
    ${csrfField(c)}
    <label for="opml-file">${msg('adm.importFile')}</label><input id="opml-file" name="file" type="file" accept=".opml,.xml,text/xml,application/xml">
    <label for="opml-text">${msg('adm.paste')}</label><textarea id="opml-text" name="opml" rows="4"></textarea>
    <button type="submit">${msg('adm.import')}</button>
  </form>
</section>
</div>`), message?.status ?? 200);
}

function timeUntil(iso: string, t: Date): string {
  if (currentLocale() !== 'en') return relativeTimeIn(new Date(iso), t);
  const m = Math.round((new Date(iso).getTime() - t.getTime()) / 60_000);
  if (m < 60) return `in ${m} ${m === 1 ? 'minute' : 'minutes'}`;
  const h = Math.round(m / 60);
  return h < 48 ? `in ${h} hours` : `in ${Math.round(h / 24)} days`;
}

export const adminHome = (c: Context<Env>) => adminPage(c);


export async function addSource(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const body = await c.req.parseBody();
  try {
    const { created } = await addKnownFeed(c.get('web').repo, { name: str(body.name), homeUrl: str(body.homeUrl), feedUrl: str(body.feedUrl), language: str(body.language).slice(0, 10) || null });
    if (!created) throw new LedeError('conflict', 'That feed is already followed.');
    c.get('web').fragments.delete('sources');
    return c.redirect('/admin?notice=added', 303);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return adminPage(c, { error: err.message, status: err.status === 409 ? 409 : 400 });
  }
}

export async function removeSource(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const id = idParam(c.req.param('id')) as SourceId | null;
  if (!id || !(await c.get('web').repo.removeSource(id))) throw new LedeError('not_found', 'No such source.');
  c.get('web').fragments.delete('sources');
  return c.redirect('/admin?notice=removed', 303);
}

export async function removeFeed(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const id = idParam(c.req.param('id')) as FeedId | null;
  if (!id || !(await c.get('web').repo.removeFeed(id))) throw new LedeError('not_found', 'No such feed.');
  return c.redirect('/admin?notice=feed-removed', 303);
}

export async function importOpml(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const body = await c.req.parseBody();
  try {
    let xml = str(body.opml);
    const file = body.file;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_OPML_BYTES) throw new LedeError('too_large', 'The OPML file is larger than 2 MiB.');
      xml = await file.text();
    }
    if (!xml) throw new LedeError('bad_input', 'Choose an OPML file or paste OPML.');
    const parsed = parseOpmlDetailed(xml);
    const r = await importOutlines(c.get('web').repo, parsed.outlines);
    parsed.skipped.push(...r.skipped);
    const [added, existing] = [r.added.length, r.existing.length];
    c.get('web').fragments.delete('sources');
    const skipped = parsed.skipped.length ? ` Skipped ${parsed.skipped.length}: ${parsed.skipped.slice(0, 5).map((s) => `${s.title} (${s.reason})`).join('; ')}.` : '';
    return adminPage(c, { notice: `Imported ${added} ${added === 1 ? 'feed' : 'feeds'}; ${existing} already followed.${skipped}` });
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return adminPage(c, { error: `OPML import failed: ${err.message}`, status: err.status === 413 ? 413 : 400 });
  }
}

export async function exportOpml(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const { repo } = c.get('web');
  const [sources, feeds] = await Promise.all([repo.listSources(), repo.listFeeds()]);
  const xml = toOpml(sources.map((source) => ({ source, feeds: feeds.filter((f) => f.sourceId === source.id) })), 'Lede subscriptions');
  return c.body(xml, 200, { 'Content-Type': 'text/x-opml; charset=utf-8', 'Content-Disposition': 'attachment; filename="lede.opml"' });
}

const MOD_NOTICES: Record<string, MessageKey> = { hidden: 'adm.mod.hidden', removed: 'adm.mod.removed', restored: 'adm.mod.restored' };

export async function moderationPage(c: Context<Env>): Promise<Response> {
  requireModerator(c);
  const { repo } = c.get('web');
  const queue = await repo.moderationQueue(100);
  const t = now(c);
  const noticeKey = MOD_NOTICES[c.req.query('notice') ?? ''];
  const notice = noticeKey ? msg(noticeKey) : undefined;
  const act = (id: number, action: string, label: string): Html => html`<form method="post" action="/comments/${id}/moderate" class="inline">${csrfField(c)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="back" value="queue"><button type="submit" class="link">${label}</button></form>`;
  return c.html(layout(c, { title: msg('adm.nav.moderation'), noindex: true }, html`
<h1>${msg('adm.nav.moderation')}</h1>
${c.get('account')?.role === 'admin' ? adminNav('moderation') : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${queue.length ? html`<ol class="comment-list moderation">${queue.map((cm) => html`<li class="comment is-${cm.status}">
  <p class="meta"><strong><bdi>${cm.authorName}</bdi></strong> ${msg('adm.mod.on')} <a href="/article/${cm.articleId}#comment-${cm.id}">${msg('adm.mod.article', { n: cm.articleId })}</a> · ${timeEl(cm.createdAt, t)} · <span class="badge${cm.status !== 'visible' ? ' warn' : ''}">${msg('adm.mod.status', { status: cm.status })}</span>${cm.reports ? html` · <span class="badge warn">${msg('adm.mod.reports', { n: cm.reports })}</span>` : ''}</p>
  <div class="comment-body">${raw(renderCommentBody(cm.body))}</div>
  <div class="actions">${cm.status !== 'hidden' ? act(cm.id, 'hide', msg('adm.mod.hide')) : ''}${cm.status !== 'visible' ? act(cm.id, 'restore', msg('adm.mod.restore')) : ''}${cm.status !== 'deleted' ? act(cm.id, 'delete', msg('adm.mod.delete')) : ''}</div>
</li>`)}</ol>` : html`<p class="empty">${msg('adm.mod.empty')}</p>`}`));
}

const OUTLET_NOTICES: Record<string, MessageKey> = { saved: 'adm.outlets.saved' };

/** The outlet registry: every outlet as ingest found it, each editable (kind, country, language, owner, home page). */
async function outletsPage(c: Context<Env>, message?: { error?: string; status?: 400 | 404 }): Promise<Response> {
  requireAdmin(c);
  const outlets = await c.get('web').repo.listOutlets();
  const noticeKey = OUTLET_NOTICES[c.req.query('notice') ?? ''];
  const notice = noticeKey ? msg(noticeKey) : undefined;
  const t = now(c);
  return c.html(layout(c, { title: msg('adm.nav.outlets'), noindex: true }, html`
<h1>${msg('adm.nav.outlets')}</h1>
${adminNav('outlets')}
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p>${msg('adm.outlets.intro', { n: outlets.length })}</p>
<div class="table-wrap" role="region" aria-label="${msg('adm.nav.outlets')}" tabindex="0"><table class="outlets">
  <thead><tr><th scope="col">${msg('adm.col.outlet')}</th><th scope="col">${msg('adm.col.kind')}</th><th scope="col">${msg('adm.col.country')}</th><th scope="col">${msg('adm.language')}</th><th scope="col">${msg('adm.col.owner')}</th><th scope="col">${msg('adm.home')}</th><th scope="col"><span class="vh">${msg('adm.save')}</span></th></tr></thead>
  <tbody>${outlets.map((o, i) => html`<tr>
    <th scope="row"><a href="/outlet/${encodeURIComponent(o.name)}">${o.name}</a><br><span class="meta">${msg('adm.since')} ${timeEl(o.firstSeen, t)}${o.editedAt ? ` · ${msg('adm.edited')}` : ''}</span></th>
    <td><select name="kind" form="o-${i}" aria-label="${msg('adm.of', { field: msg('adm.col.kind'), name: o.name })}">${OUTLET_KINDS.map((k) => html`<option value="${k}"${k === o.kind ? raw(' selected') : ''}>${msg('story.kind', { kind: k })}</option>`)}</select></td>
    <td><input name="country" form="o-${i}" value="${o.country ?? ''}" maxlength="2" size="3" aria-label="${msg('adm.of', { field: msg('adm.col.country'), name: o.name })}"></td>
    <td><input name="language" form="o-${i}" value="${o.language ?? ''}" maxlength="12" size="4" aria-label="${msg('adm.of', { field: msg('adm.language'), name: o.name })}"></td>
    <td><input name="owner" form="o-${i}" value="${o.owner ?? ''}" maxlength="200" aria-label="${msg('adm.of', { field: msg('adm.col.owner'), name: o.name })}"></td>
    <td><input name="homeUrl" form="o-${i}" value="${o.homeUrl ?? ''}" type="url" aria-label="${msg('adm.of', { field: msg('adm.home'), name: o.name })}"></td>
    <td><form method="post" action="/admin/outlets" id="o-${i}" class="inline">${csrfField(c)}<input type="hidden" name="name" value="${o.name}"><button type="submit">${msg('adm.save')}</button></form></td>
  </tr>`)}</tbody>
</table></div>`), message?.status ?? 200);
}

export const adminOutlets = (c: Context<Env>) => outletsPage(c);

export async function editOutlet(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const body = await c.req.parseBody();
  const name = typeof body.name === 'string' ? body.name : '';
  const { repo, now: clock, fragments } = c.get('web');
  try {
    const patch = readOutletPatch({ kind: body.kind, country: body.country, language: body.language, owner: body.owner, homeUrl: body.homeUrl });
    if (!(await repo.updateOutlet(name, patch, clock().toISOString()))) throw new LedeError('not_found', 'No such outlet.');
    fragments.clear();
    return c.redirect('/admin/outlets?notice=saved', 303);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return outletsPage(c, { error: err.message, status: err.status === 404 ? 404 : 400 });
  }
}
