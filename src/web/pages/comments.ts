// Comments: the section on the article page and the routes that post, reply (one level), edit or
// delete (own, within 15 minutes), report and moderate (hide, delete, restore).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from '../context.ts';
import type { Account, ArticleId, Comment, CommentId } from '../../domain/types.ts';
import { LedeError } from '../../domain/errors.ts';
import { html, raw, type Html } from '../views/html.ts';
import { csrfField, layout } from '../views/layout.ts';
import { timeEl } from '../views/parts.ts';
import { rateLimit, requireAccount, requireModerator } from '../auth.ts';
import { toHttpError } from '../errors.ts';
import { renderCommentBody } from '../text.ts';
import { idParam, now } from './util.ts';
import { t as msg } from '../i18n/index.ts';

export const COMMENT_MAX = 4000;
export const EDIT_WINDOW_MS = 15 * 60_000;

export interface CommentFormState {
  status: ContentfulStatusCode;
  error: string;
  draft: string;
  /** The comment being answered, when the failed form was a reply. */
  parentId: CommentId | null;
}

const NOTICES: Record<string, string> = {
  reported: 'Thank you: the moderators will look at this comment.',
  'already-reported': 'You have reported this comment already; the moderators will look at it.',
  deleted: 'Your comment was deleted.',
  hidden: 'The comment is now hidden.',
  removed: 'The comment was deleted.',
  restored: 'The comment is visible again.',
};

const isModerator = (a: Account | null): boolean => a?.role === 'admin' || a?.role === 'moderator';

function canEdit(a: Account | null, cm: Comment, t: Date): boolean {
  return !!a && a.id === cm.accountId && cm.status === 'visible' && t.getTime() - new Date(cm.createdAt).getTime() < EDIT_WINDOW_MS;
}

function commentForm(c: Context<Env>, articleId: ArticleId, opts: { parentId?: CommentId; draft?: string; idSuffix: string; label: string }): Html {
  const id = `comment-body-${opts.idSuffix}`;
  return html`<form method="post" action="/article/${articleId}/comments" class="comment-form">
  ${csrfField(c)}
  ${opts.parentId ? html`<input type="hidden" name="parentId" value="${opts.parentId}">` : ''}
  <label for="${id}">${opts.label}</label>
  <textarea id="${id}" name="body" rows="${opts.parentId ? 3 : 4}" maxlength="${COMMENT_MAX}" required>${opts.draft ?? ''}</textarea>
  <button type="submit">${msg(opts.parentId ? 'comments.postReply' : 'comments.post')}</button>
</form>`;
}

function oneComment(c: Context<Env>, cm: Comment, replies: Comment[], articleId: ArticleId, form?: CommentFormState): Html {
  const me = c.get('account');
  const t = now(c);
  const mod = isModerator(me);
  const gone = cm.status !== 'visible';
  const actions: Html[] = [];
  if (me && !gone) {
    if (canEdit(me, cm, t)) {
      actions.push(html`<a href="/comments/${cm.id}/edit">${msg('comments.edit')}</a>`);
      actions.push(html`<form method="post" action="/comments/${cm.id}/delete" class="inline">${csrfField(c)}<button class="link" type="submit">${msg('comments.delete')}</button></form>`);
    }
    if (me.id !== cm.accountId) actions.push(html`<form method="post" action="/comments/${cm.id}/report" class="inline">${csrfField(c)}<button class="link" type="submit">${msg('comments.report')}</button></form>`);
  }
  if (mod) {
    const act = (action: string, label: string) => html`<form method="post" action="/comments/${cm.id}/moderate" class="inline">${csrfField(c)}<input type="hidden" name="action" value="${action}"><button class="link" type="submit">${label}</button></form>`;
    if (cm.status === 'visible') actions.push(act('hide', msg('comments.hide')));
    if (cm.status === 'hidden') actions.push(act('restore', msg('comments.restore')));
    if (cm.status !== 'deleted') actions.push(act('delete', msg('comments.deleteModerator')));
  }
  const body = cm.status === 'visible' || (mod && cm.status === 'hidden')
    ? raw(renderCommentBody(cm.body))
    : html`<p class="gone">${msg(cm.status === 'hidden' ? 'comments.hidden' : 'comments.deleted')}</p>`;
  const replyOpen = form?.parentId === cm.id;
  return html`<li id="comment-${cm.id}" class="comment${gone ? ' is-' + cm.status : ''}">
  <article aria-label="${msg('comments.by', { name: cm.authorName })}">
    <p class="meta"><strong><bdi>${cm.authorName}</bdi></strong> · ${timeEl(cm.createdAt, t)}${cm.editedAt ? html` · <span title="${msg('comments.edited')}">${msg('comments.edited')}</span>` : ''}${mod && cm.status !== 'visible' ? html` · <span class="badge warn">${msg('adm.mod.status', { status: cm.status })}</span>` : ''}${mod && cm.reports ? html` · <span class="badge warn">${msg('comments.reports', { n: cm.reports })}</span>` : ''}</p>
    <div class="comment-body" dir="auto">${body}</div>
    ${actions.length ? html`<div class="actions">${actions}</div>` : ''}
    ${me && cm.parentId === null && cm.status === 'visible' ? html`<details class="reply"${replyOpen ? raw(' open') : ''}><summary>${msg('comments.reply')}</summary>
      ${replyOpen && form ? html`<p class="error" role="alert">${form.error}</p>` : ''}
      ${commentForm(c, articleId, { parentId: cm.id, idSuffix: `r${cm.id}`, label: msg('comments.replyTo', { name: cm.authorName }), draft: replyOpen ? form?.draft : '' })}</details>` : ''}
  </article>
  ${replies.length ? html`<ol class="replies">${replies.map((r) => oneComment(c, r, [], articleId, form))}</ol>` : ''}
</li>`;
}

/** The comments section, rendered per request (it depends on who is reading). */
export async function commentsSection(c: Context<Env>, articleId: ArticleId, form?: CommentFormState): Promise<string> {
  const me = c.get('account');
  const mod = isModerator(me);
  const all = await c.get('web').repo.listComments(articleId, { includeHidden: mod });
  const replies = new Map<number, Comment[]>();
  for (const cm of all) if (cm.parentId !== null) replies.set(cm.parentId, [...(replies.get(cm.parentId) ?? []), cm]);
  const shown = (cm: Comment) => cm.status === 'visible' || (mod && cm.status === 'hidden');
  const visibleReplies = (cm: Comment) => (replies.get(cm.id) ?? []).filter(shown);
  // A removed comment stays as a placeholder only while it has replies, so the thread still reads.
  const top = all.filter((cm) => cm.parentId === null && (shown(cm) || visibleReplies(cm).length > 0));
  const count = all.filter((cm) => cm.status === 'visible').length;
  const notice = NOTICES[c.req.query('notice') ?? ''];
  const back = encodeURIComponent(`/article/${articleId}#comments`);
  const signin = msg('comments.signInPrompt', { signIn: '\u0000', signUp: '\u0000' }).split('\u0000');
  const topError = form && form.parentId === null;
  return String(await html`<section id="comments" class="comments" aria-labelledby="h-comments">
  <h2 id="h-comments">${msg('comments.title')}${count ? html` <span class="count">(${count})</span>` : ''}</h2>
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
  ${top.length ? html`<ol class="comment-list">${top.map((cm) => oneComment(c, cm, visibleReplies(cm), articleId, form))}</ol>` : html`<p class="empty">${msg('comments.none')}</p>`}
  ${me
    ? html`${topError ? html`<p class="error" role="alert">${form!.error}</p>` : ''}${commentForm(c, articleId, { idSuffix: 'new', label: msg('comments.as', { name: me.name }), draft: topError ? form!.draft : '' })}`
    : html`<p class="signin-prompt">${signin[0]}<a href="/signin?back=${back}">${msg('layout.signIn')}</a>${signin[1]}<a href="/signup?back=${back}">${msg('comments.createAccount')}</a>${signin[2]}</p>`}
</section>`);
}

async function formField(c: Context<Env>, name: string): Promise<string> {
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

export function validateBody(raw: string): string {
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (!body) throw new LedeError('bad_input', 'Write something first: the comment is empty.');
  if (body.length > COMMENT_MAX) throw new LedeError('bad_input', `Comments are limited to ${COMMENT_MAX} characters (this one has ${body.length}).`);
  return body;
}

export async function postComment(c: Context<Env>, rerender: (c: Context<Env>, form: CommentFormState) => Promise<Response>): Promise<Response> {
  const articleId = idParam(c.req.param('id')) as ArticleId | null;
  const { repo } = c.get('web');
  if (!articleId || !(await repo.getArticle(articleId))) throw new LedeError('not_found', 'No such article.');
  const me = requireAccount(c);
  const draft = await formField(c, 'body');
  let parentId = idParam(await formField(c, 'parentId')) as CommentId | null;
  try {
    const body = validateBody(draft);
    if (parentId) {
      const parent = await repo.getComment(parentId);
      if (!parent || parent.articleId !== articleId || parent.status !== 'visible') throw new LedeError('bad_input', 'The comment you answered is no longer there.');
      // Replies go one level deep: answering a reply answers its thread.
      if (parent.parentId !== null) parentId = parent.parentId;
    }
    await rateLimit(c, `comment:${me.id}`, 5, 60);
    await rateLimit(c, `comment-day:${me.id}`, 100, 86400);
    const cm = await repo.addComment({ articleId, accountId: me.id, parentId, body, at: now(c).toISOString() });
    return c.redirect(`/article/${articleId}#comment-${cm.id}`, 303);
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return rerender(c, { status: err.status, error: err.message, draft, parentId });
  }
}

async function ownComment(c: Context<Env>): Promise<{ me: Account; cm: Comment }> {
  const id = idParam(c.req.param('id')) as CommentId | null;
  const me = requireAccount(c);
  const cm = id ? await c.get('web').repo.getComment(id) : null;
  if (!cm || cm.status === 'deleted') throw new LedeError('not_found', 'No such comment.');
  if (cm.accountId !== me.id) throw new LedeError('forbidden', 'You can only change your own comments.');
  if (!canEdit(me, cm, now(c))) throw new LedeError('forbidden', 'Comments can be edited or deleted only within 15 minutes of posting.');
  return { me, cm };
}

async function editPage(c: Context<Env>, cm: Comment, draft: string, error: string | null, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(layout(c, { title: 'Edit comment', noindex: true }, html`<h1>Edit your comment</h1>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/comments/${cm.id}/edit" class="comment-form narrow">
  ${csrfField(c)}
  <label for="edit-body">Comment</label>
  <textarea id="edit-body" name="body" rows="6" maxlength="${COMMENT_MAX}" required>${draft}</textarea>
  <p class="hint">You can edit for 15 minutes after posting.</p>
  <button type="submit">Save</button> <a href="/article/${cm.articleId}#comment-${cm.id}">Cancel</a>
</form>`), status);
}

export async function editCommentForm(c: Context<Env>): Promise<Response> {
  const { cm } = await ownComment(c);
  return editPage(c, cm, cm.body, null);
}

export async function editComment(c: Context<Env>): Promise<Response> {
  const { cm } = await ownComment(c);
  const draft = await formField(c, 'body');
  try {
    const body = validateBody(draft);
    await c.get('web').repo.editComment(cm.id, body, now(c).toISOString());
  } catch (e) {
    const err = toHttpError(e);
    if (err.status >= 500) throw e;
    return editPage(c, cm, draft, err.message, err.status);
  }
  return c.redirect(`/article/${cm.articleId}#comment-${cm.id}`, 303);
}

export async function deleteOwnComment(c: Context<Env>): Promise<Response> {
  const { cm } = await ownComment(c);
  await c.get('web').repo.setCommentStatus(cm.id, 'deleted');
  return c.redirect(`/article/${cm.articleId}?notice=deleted#comments`, 303);
}

export async function reportComment(c: Context<Env>): Promise<Response> {
  const me = requireAccount(c);
  const id = idParam(c.req.param('id')) as CommentId | null;
  const { repo } = c.get('web');
  const cm = id ? await repo.getComment(id) : null;
  if (!cm || cm.status !== 'visible') throw new LedeError('not_found', 'No such comment.');
  await rateLimit(c, `report:${me.id}`, 20, 3600);
  const counted = await repo.reportComment(cm.id, me.id);
  return c.redirect(`/article/${cm.articleId}?notice=${counted ? 'reported' : 'already-reported'}#comment-${cm.id}`, 303);
}

export async function moderateComment(c: Context<Env>): Promise<Response> {
  requireModerator(c);
  const id = idParam(c.req.param('id')) as CommentId | null;
  const action = await formField(c, 'action');
  const { repo } = c.get('web');
  const cm = id ? await repo.getComment(id) : null;
  if (!cm) throw new LedeError('not_found', 'No such comment.');
  const status = ({ hide: 'hidden', delete: 'deleted', restore: 'visible' } as const)[action as 'hide'];
  if (!status) throw new LedeError('bad_input', 'Unknown moderation action: use hide, delete or restore.');
  await repo.setCommentStatus(cm.id, status);
  const notice = ({ hidden: 'hidden', deleted: 'removed', visible: 'restored' } as const)[status];
  const back = await formField(c, 'back');
  if (back === 'queue') return c.redirect(`/admin/comments?notice=${notice}`, 303);
  return c.redirect(`/article/${cm.articleId}?notice=${notice}#comments`, 303);
}
