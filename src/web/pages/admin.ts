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
import { t as msg } from '../i18n/index.ts';
import { OUTLET_KINDS } from '../../domain/analysis.ts';
import { readOutletPatch } from '../outlets.ts';

const MAX_OPML_BYTES = 2 * 1024 * 1024;

const NOTICES: Record<string, string> = {
  added: 'Source added. Its feed is polled on the next run of the scheduler.',
  removed: 'Source removed; its articles stay.',
  'feed-removed': 'Feed removed.',
  settings: 'Settings saved.',
};

async function adminPage(c: Context<Env>, message?: { error?: string; notice?: string; status?: 400 | 409 | 413 | 422 }): Promise<Response> {
  requireAdmin(c);
  const { repo } = c.get('web');
  const t = now(c);
  const [sources, feeds, readersAdd] = await Promise.all([repo.listSources(), repo.listFeeds(), readersMayAddFeeds(c.get('web').reader)]);
  const notice = message?.notice ?? NOTICES[c.req.query('notice') ?? ''];
  const failing = feeds.filter((f) => f.status === 'error' || f.status === 'refused').length;
  return c.html(layout(c, { title: 'Admin', noindex: true }, html`
<h1>Admin</h1>
<nav class="subnav" aria-label="Admin"><a href="/admin" aria-current="page">Sources and feeds</a><a href="/admin/outlets">Outlets</a><a href="/admin/comments">Comment moderation</a></nav>
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="h-health">
  <h2 id="h-health">Feed health</h2>
  <p>${sources.length} sources, ${feeds.length} feeds${failing ? html`, <strong class="warn">${failing} failing</strong>` : ''}.</p>
  <div class="table-wrap" role="region" aria-labelledby="h-health" tabindex="0"><table class="feeds">
    <thead><tr><th scope="col">Source</th><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last fetch</th><th scope="col">Next poll</th><th scope="col">Error</th><th scope="col"><span class="vh">Actions</span></th></tr></thead>
    <tbody>${sources.flatMap((s) => {
      const fs = feeds.filter((f) => f.sourceId === s.id);
      const removeSource = html`<form method="post" action="/admin/sources/${s.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="link danger">Remove source</button></form>`;
      if (!fs.length) return [html`<tr><th scope="row"><a href="/outlet/${encodeURIComponent(s.name)}">${s.name}</a></th><td colspan="5" class="meta">no feeds</td><td>${removeSource}</td></tr>`];
      return fs.map((f, i) => html`<tr>
        ${i === 0 ? html`<th scope="row" rowspan="${fs.length}"><a href="/outlet/${encodeURIComponent(s.name)}">${s.name}</a><br>${removeSource}</th>` : ''}
        <td class="url"><a href="${f.url}" rel="noopener nofollow">${f.title ?? f.url}</a></td>
        <td><span class="status s-${f.status}">${f.status}</span>${f.errorCount ? html` <span class="meta">(${f.errorCount}×)</span>` : ''}</td>
        <td>${f.lastFetchedAt ? timeEl(f.lastFetchedAt, t) : html`<span class="meta">never</span>`}</td>
        <td>${f.nextFetchAt ? html`<time datetime="${f.nextFetchAt}">${new Date(f.nextFetchAt).getTime() <= t.getTime() ? 'due now' : timeUntil(f.nextFetchAt, t)}</time>` : html`<span class="meta">—</span>`}</td>
        <td class="err">${f.error ? truncate(f.error, 160) : ''}</td>
        <td><form method="post" action="/admin/feeds/${f.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="link danger">Remove feed</button></form></td>
      </tr>`);
    })}</tbody>
  </table></div>
</section>
<div class="admin-forms">
<section aria-labelledby="h-readers">
  <h2 id="h-readers">Readers</h2>
  <form method="post" action="/admin/settings" class="stack">
    ${csrfField(c)}
    <label><input type="checkbox" name="allow" value="yes"${readersAdd ? raw(' checked') : ''}> ${msg('admin.readersAddFeeds')}</label>
    <p class="meta">When off, readers follow only the feeds Lede already reads (and its outlets, hashtags, stories and searches); new feeds come from this page.</p>
    <button type="submit">Save</button>
  </form>
</section>
<section aria-labelledby="h-add">
  <h2 id="h-add">Add a source</h2>
  <form method="post" action="/admin/sources" class="stack">
    ${csrfField(c)}
    <label for="s-name">Name</label><input id="s-name" name="name" required maxlength="200">
    <label for="s-home">Home page</label><input id="s-home" name="homeUrl" type="url" required placeholder="https://example.com/">
    <label for="s-feed">Feed URL</label><input id="s-feed" name="feedUrl" type="url" required placeholder="https://example.com/rss.xml">
    <label for="s-lang">Language <span class="meta">(optional, e.g. en)</span></label><input id="s-lang" name="language" maxlength="10">
    <button type="submit">Add source</button>
  </form>
</section>
<section aria-labelledby="h-opml">
  <h2 id="h-opml">OPML</h2>
  <p><a class="button" href="/admin/opml" download="lede.opml">Export subscriptions (OPML)</a></p>
  <form method="post" action="/admin/opml" enctype="multipart/form-data" class="stack">
    ${csrfField(c)}
    <label for="opml-file">Import an OPML file</label><input id="opml-file" name="file" type="file" accept=".opml,.xml,text/xml,application/xml">
    <label for="opml-text">…or paste OPML</label><textarea id="opml-text" name="opml" rows="4"></textarea>
    <button type="submit">Import</button>
  </form>
</section>
</div>`), message?.status ?? 200);
}

function timeUntil(iso: string, t: Date): string {
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

const MOD_NOTICES: Record<string, string> = { hidden: 'Comment hidden.', removed: 'Comment deleted.', restored: 'Comment restored.' };

export async function moderationPage(c: Context<Env>): Promise<Response> {
  requireModerator(c);
  const { repo } = c.get('web');
  const queue = await repo.moderationQueue(100);
  const t = now(c);
  const notice = MOD_NOTICES[c.req.query('notice') ?? ''];
  const act = (id: number, action: string, label: string): Html => html`<form method="post" action="/comments/${id}/moderate" class="inline">${csrfField(c)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="back" value="queue"><button type="submit" class="link">${label}</button></form>`;
  return c.html(layout(c, { title: 'Comment moderation', noindex: true }, html`
<h1>Comment moderation</h1>
${c.get('account')?.role === 'admin' ? html`<nav class="subnav" aria-label="Admin"><a href="/admin">Sources and feeds</a><a href="/admin/outlets">Outlets</a><a href="/admin/comments" aria-current="page">Comment moderation</a></nav>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${queue.length ? html`<ol class="comment-list moderation">${queue.map((cm) => html`<li class="comment is-${cm.status}">
  <p class="meta"><strong>${cm.authorName}</strong> on <a href="/article/${cm.articleId}#comment-${cm.id}">article ${cm.articleId}</a> · ${timeEl(cm.createdAt, t)} · <span class="badge${cm.status !== 'visible' ? ' warn' : ''}">${cm.status}</span>${cm.reports ? html` · <span class="badge warn">${cm.reports} ${cm.reports === 1 ? 'report' : 'reports'}</span>` : ''}</p>
  <div class="comment-body">${raw(renderCommentBody(cm.body))}</div>
  <div class="actions">${cm.status !== 'hidden' ? act(cm.id, 'hide', 'Hide') : ''}${cm.status !== 'visible' ? act(cm.id, 'restore', 'Restore') : ''}${cm.status !== 'deleted' ? act(cm.id, 'delete', 'Delete') : ''}</div>
</li>`)}</ol>` : html`<p class="empty">Nothing to moderate: no reported or hidden comments.</p>`}`));
}

const OUTLET_NOTICES: Record<string, string> = { saved: 'Outlet saved. Ingest no longer changes what you set.' };

/** The outlet registry: every outlet as ingest found it, each editable (kind, country, language, owner, home page). */
async function outletsPage(c: Context<Env>, message?: { error?: string; status?: 400 | 404 }): Promise<Response> {
  requireAdmin(c);
  const outlets = await c.get('web').repo.listOutlets();
  const notice = OUTLET_NOTICES[c.req.query('notice') ?? ''];
  const t = now(c);
  return c.html(layout(c, { title: 'Outlets', noindex: true }, html`
<h1>Outlets</h1>
<nav class="subnav" aria-label="Admin"><a href="/admin">Sources and feeds</a><a href="/admin/outlets" aria-current="page">Outlets</a><a href="/admin/comments">Comment moderation</a></nav>
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<p>${outlets.length} outlets, registered as ingest first met them (from their feed and page metadata). What you set here wins over what ingest finds.</p>
<div class="table-wrap" role="region" aria-label="Outlets" tabindex="0"><table class="outlets">
  <thead><tr><th scope="col">Outlet</th><th scope="col">Kind</th><th scope="col">Country</th><th scope="col">Language</th><th scope="col">Owner</th><th scope="col">Home page</th><th scope="col"><span class="vh">Save</span></th></tr></thead>
  <tbody>${outlets.map((o, i) => html`<tr>
    <th scope="row"><a href="/outlet/${encodeURIComponent(o.name)}">${o.name}</a><br><span class="meta">since ${timeEl(o.firstSeen, t)}${o.editedAt ? ' · edited' : ''}</span></th>
    <td><select name="kind" form="o-${i}" aria-label="Kind of ${o.name}">${OUTLET_KINDS.map((k) => html`<option value="${k}"${k === o.kind ? raw(' selected') : ''}>${k}</option>`)}</select></td>
    <td><input name="country" form="o-${i}" value="${o.country ?? ''}" maxlength="2" size="3" aria-label="Country of ${o.name}"></td>
    <td><input name="language" form="o-${i}" value="${o.language ?? ''}" maxlength="12" size="4" aria-label="Language of ${o.name}"></td>
    <td><input name="owner" form="o-${i}" value="${o.owner ?? ''}" maxlength="200" aria-label="Owner of ${o.name}"></td>
    <td><input name="homeUrl" form="o-${i}" value="${o.homeUrl ?? ''}" type="url" aria-label="Home page of ${o.name}"></td>
    <td><form method="post" action="/admin/outlets" id="o-${i}" class="inline">${csrfField(c)}<input type="hidden" name="name" value="${o.name}"><button type="submit">Save</button></form></td>
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
