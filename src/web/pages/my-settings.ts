// A reader's follows (rename, move between folders, unfollow, add a feed, OPML in and out) and settings
// (the API password apps sign in with, and how to connect them).
import type { Context } from 'hono';
import { LedeError } from '../../domain/errors.ts';
import type { FolderId, FollowId } from '../../domain/types.ts';
import * as reader from '../../reader/index.ts';
import { hashPassword, requireAccount, requireAdmin } from '../auth.ts';
import type { Env } from '../context.ts';
import { toHttpError } from '../errors.ts';
import { originOf } from '../feeds.ts';
import { t } from '../i18n/index.ts';
import { html } from '../views/html.ts';
import { csrfField, layout } from '../views/layout.ts';
import { timeEl } from '../views/parts.ts';
import { addFeedForm } from './my.ts';
import { formText as str, idParam, now } from './util.ts';

const MAX_OPML_BYTES = 2 * 1024 * 1024;

const NOTICES: Record<string, string> = { saved: 'my.noticeSaved', imported: 'my.noticeImported', password: 'my.noticePassword', revoked: 'my.noticeRevoked' };

async function followsPage(c: Context<Env>, message?: { error?: string; notice?: string; status?: 400 | 403 | 404 | 409 | 413 }): Promise<Response> {
  const me = requireAccount(c);
  const { repo } = c.get('web');
  const [follows, folders] = await Promise.all([repo.listFollows(me.id), repo.listFolders(me.id)]);
  const noticeKey = NOTICES[c.req.query('notice') ?? ''];
  const notice = message?.notice ?? (noticeKey ? t(noticeKey as never) : undefined);
  return c.html(layout(c, { title: t('my.manage'), noindex: true }, html`
<h1>${t('my.manage')}</h1>
<nav class="subnav" aria-label="${t('my.title')}"><a href="/my">${t('my.title')}</a><a href="/my/follows" aria-current="page">${t('my.manage')}</a><a href="/my/settings">${t('my.settings')}</a></nav>
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<section aria-labelledby="h-follows">
  <h2 id="h-follows">${t('my.followsHeading', { n: follows.length })}</h2>
  ${follows.length ? html`<div class="table-wrap" role="region" aria-labelledby="h-follows" tabindex="0"><table class="follows">
    <thead><tr><th scope="col">${t('my.colName')}</th><th scope="col">${t('my.colKind')}</th><th scope="col">${t('my.colFolder')}</th><th scope="col"><span class="vh">${t('my.colActions')}</span></th></tr></thead>
    <tbody>${follows.map((f) => html`<tr id="follow-${f.id}">
      <td><form method="post" action="/my/follows/${f.id}" id="edit-${f.id}">${csrfField(c)}<label class="vh" for="title-${f.id}">${t('my.colName')}</label><input id="title-${f.id}" name="title" value="${f.title}" maxlength="300" dir="auto"></form></td>
      <td>${t(`my.kind.${f.kind}`)}${f.feedUrl ? html`<br><span class="meta url">${f.feedUrl}</span>` : ''}</td>
      <td><label class="vh" for="folder-${f.id}">${t('my.colFolder')}</label><input id="folder-${f.id}" name="folder" form="edit-${f.id}" value="${f.folder ?? ''}" list="folder-names" maxlength="100" placeholder="${t('my.noFolder')}"></td>
      <td><button type="submit" form="edit-${f.id}">${t('my.save')}</button>
        <form method="post" action="/my/follows/${f.id}/delete" class="inline">${csrfField(c)}<input type="hidden" name="back" value="/my/follows"><button type="submit" class="link danger">${t('my.unfollow')}</button></form></td>
    </tr>`)}</tbody>
  </table></div>
  <datalist id="folder-names">${folders.map((f) => html`<option value="${f.name}">`)}</datalist>` : html`<p class="empty">${t('my.emptyFollows')}</p>`}
</section>
${folders.length ? html`<section aria-labelledby="h-folders"><h2 id="h-folders">${t('my.foldersHeading')}</h2><ul class="folders">${folders.map((fo) => html`<li>
  <form method="post" action="/my/folders/${fo.id}" class="inline">${csrfField(c)}<label class="vh" for="fo-${fo.id}">${t('my.colFolder')}</label><input id="fo-${fo.id}" name="name" value="${fo.name}" maxlength="100" dir="auto"><button type="submit">${t('my.rename')}</button></form>
  <form method="post" action="/my/folders/${fo.id}/delete" class="inline">${csrfField(c)}<button type="submit" class="link danger">${t('my.deleteFolder')}</button></form></li>`)}</ul></section>` : ''}
<div class="admin-forms">
<section aria-labelledby="h-add"><h2 id="h-add">${t('my.addFeedHeading')}</h2>${addFeedForm(c, '/my/follows?notice=saved')}</section>
<section aria-labelledby="h-opml">
  <h2 id="h-opml">OPML</h2>
  <p><a class="button" href="/my/opml" download="my-lede.opml">${t('my.exportOpml')}</a></p>
  <form method="post" action="/my/opml" enctype="multipart/form-data" class="stack">${csrfField(c)}
    <label for="opml-file">${t('my.importOpml')}</label><input id="opml-file" name="file" type="file" accept=".opml,.xml,text/xml,application/xml">
    <label for="opml-text">${t('my.pasteOpml')}</label><textarea id="opml-text" name="opml" rows="4"></textarea>
    <button type="submit">${t('my.import')}</button>
  </form>
</section>
</div>`), message?.status ?? 200);
}

export const myFollows = (c: Context<Env>) => followsPage(c);

/** Runs a form action; a user error shows the follows page with the message instead of an error page. */
async function onFollowsPage(c: Context<Env>, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500 || err.status === 401) throw e;
    return followsPage(c, { error: err.message, status: ([400, 403, 404, 409, 413] as const).find((s) => s === err.status) ?? 400 });
  }
}

export function editFollow(c: Context<Env>): Promise<Response> {
  return onFollowsPage(c, async () => {
    const me = requireAccount(c);
    const { repo } = c.get('web');
    const id = idParam(c.req.param('id')) as FollowId | null;
    if (!id) throw new LedeError('not_found', 'You do not follow that.');
    const body = await c.req.parseBody();
    const title = str(body.title);
    const folder = str(body.folder);
    await repo.updateFollow(me.id, id, { ...(title ? { title } : {}), folderId: folder ? (await repo.ensureFolder(me.id, folder)).id : null });
    return c.redirect(`/my/follows?notice=saved#follow-${id}`, 303);
  });
}

export function renameFolder(c: Context<Env>): Promise<Response> {
  return onFollowsPage(c, async () => {
    const me = requireAccount(c);
    const id = idParam(c.req.param('id')) as FolderId | null;
    if (!id) throw new LedeError('not_found', 'No such folder.');
    await c.get('web').repo.renameFolder(me.id, id, str((await c.req.parseBody()).name));
    return c.redirect('/my/follows?notice=saved', 303);
  });
}

export function deleteFolder(c: Context<Env>): Promise<Response> {
  return onFollowsPage(c, async () => {
    const me = requireAccount(c);
    const id = idParam(c.req.param('id')) as FolderId | null;
    if (!id) throw new LedeError('not_found', 'No such folder.');
    await c.get('web').repo.deleteFolder(me.id, id);
    return c.redirect('/my/follows?notice=saved', 303);
  });
}

export async function exportMyOpml(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  return c.body(await reader.exportOpml(c.get('web').reader, me), 200, { 'Content-Type': 'text/x-opml; charset=utf-8', 'Content-Disposition': 'attachment; filename="my-lede.opml"' });
}

export function importMyOpml(c: Context<Env>): Promise<Response> {
  return onFollowsPage(c, async () => {
    const me = requireAccount(c);
    const body = await c.req.parseBody();
    let xml = str(body.opml);
    const file = body.file;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_OPML_BYTES) throw new LedeError('too_large', 'The OPML file is larger than 2 MiB.');
      xml = await file.text();
    }
    if (!xml) throw new LedeError('bad_input', 'Choose an OPML file or paste OPML.');
    const r = await reader.importOpml(c.get('web').reader, me, xml);
    const skipped = r.skipped.length ? ` ${t('my.skipped', { n: r.skipped.length })}: ${r.skipped.slice(0, 5).map((s) => `${s.title} (${s.reason})`).join('; ')}.` : '';
    return followsPage(c, { notice: `${t('my.imported', { n: r.followed })}${skipped}` });
  });
}

// --- settings: the API password ------------------------------------------------------------------------

async function settingsPage(c: Context<Env>, message?: { error?: string; status?: 400 }): Promise<Response> {
  const me = requireAccount(c);
  const creds = await c.get('web').repo.apiPasswordOf(me.id);
  const site = originOf(c);
  const noticeKey = NOTICES[c.req.query('notice') ?? ''];
  return c.html(layout(c, { title: t('my.settings'), noindex: true }, html`
<h1>${t('my.settings')}</h1>
<nav class="subnav" aria-label="${t('my.title')}"><a href="/my">${t('my.title')}</a><a href="/my/follows">${t('my.manage')}</a><a href="/my/settings" aria-current="page">${t('my.settings')}</a></nav>
${message?.error ? html`<p class="error" role="alert">${message.error}</p>` : ''}
${noticeKey ? html`<p class="notice" role="status">${t(noticeKey as never)}</p>` : ''}
<section aria-labelledby="h-api">
  <h2 id="h-api">${t('my.apiHeading')}</h2>
  <p>${t('my.apiIntro')}</p>
  <p>${creds ? html`${t('my.apiSet')} ${timeEl(creds.createdAt, now(c))}.` : t('my.apiNone')}</p>
  <form method="post" action="/my/settings/api-password" class="stack">${csrfField(c)}
    <input type="text" name="username" value="${me.email}" autocomplete="username" hidden>
    <label for="api-password">${creds ? t('my.apiNew') : t('my.apiChoose')}</label>
    <input id="api-password" name="password" type="password" required minlength="${reader.API_PASSWORD_MIN}" maxlength="200" autocomplete="new-password">
    <button type="submit">${t('my.apiSave')}</button>
  </form>
  ${creds ? html`<form method="post" action="/my/settings/api-password/revoke" class="inline">${csrfField(c)}<button type="submit" class="link danger">${t('my.apiRevoke')}</button></form>` : ''}
  <h3>${t('my.connectHeading')}</h3>
  <dl class="connect">
    <dt>Google Reader API (NetNewsWire, Reeder, Read You, FeedMe, FocusReader)</dt><dd><code>${site}/api/greader</code></dd>
    <dt>Fever API (Unread, Fiery, ReadKit)</dt><dd><code>${site}/api/fever</code></dd>
    <dt>Lede API (<a href="/api/openapi.json">OpenAPI</a>)</dt><dd><code>POST ${site}/api/v1/tokens</code> → <code>Authorization: Bearer …</code></dd>
    <dt>${t('my.connectUser')}</dt><dd><code>${me.email}</code></dd>
  </dl>
</section>`), message?.status ?? 200);
}

export const mySettings = (c: Context<Env>) => settingsPage(c);

export async function setApiPasswordAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const body = await c.req.parseBody();
  try {
    await reader.setApiPassword(c.get('web').reader, me, typeof body.password === 'string' ? body.password : '', hashPassword);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status !== 400) throw e;
    return settingsPage(c, { error: err.message, status: 400 });
  }
  return c.redirect('/my/settings?notice=password', 303);
}

export async function revokeApiPasswordAction(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  await c.get('web').repo.revokeApiPassword(me.id);
  return c.redirect('/my/settings?notice=revoked', 303);
}

/** The admin switch: may readers add feeds Lede does not read yet? */
export async function readersAddFeedsAction(c: Context<Env>): Promise<Response> {
  requireAdmin(c);
  const body = await c.req.parseBody();
  await c.get('web').repo.setSetting(reader.READERS_ADD_FEEDS, body.allow === 'yes' ? 'yes' : 'no');
  return c.redirect('/admin?notice=settings', 303);
}
