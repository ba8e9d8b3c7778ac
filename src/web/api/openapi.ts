// The OpenAPI 3.1 description of /api/v1, served at /api/openapi.json.
import { VERSION } from '../../version.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
const errors = { 400: { $ref: '#/components/responses/Error' }, 404: { $ref: '#/components/responses/Error' } };
const q = (name: string, description: string, schema: object = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema });
const pathId = (name: string, what: string) => ({ name, in: 'path', required: true, description: `The ${what} id`, schema: { type: 'integer', minimum: 1 } });
const limit = q('limit', 'Items per page (1–100, default 20)', { type: 'integer', minimum: 1, maximum: 100 });
const cursor = q('cursor', 'The `next` value of the previous page');
const page = (item: string) => ({ type: 'object', required: ['items', 'next'], properties: { items: { type: 'array', items: ref(item) }, next: { type: ['string', 'null'], description: 'Cursor of the next page; null at the end' } } });
const nullable = (type: string) => ({ type: [type, 'null'] });
const time = { type: 'string', format: 'date-time' };
/** Reader endpoints: a Bearer token from /tokens, or the browser session (writes then also X-CSRF-Token). */
const auth = [{ bearer: [] }, { session: [] }];

export function openApiDocument(serverUrl: string): object {
  return {
    openapi: '3.1.0',
    info: { title: 'Lede API', version: VERSION, description: 'Read stories, articles, hashtags and comments of a Lede news aggregator. Reads carry ETag and Cache-Control; send If-None-Match for 304. Errors are `{"error": {"code", "message"}}`.' },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      '/stories': { get: { summary: 'Top stories, by number of outlets and recency', parameters: [limit, cursor, q('since', 'Only stories active since this time', time)], responses: { 200: json(page('Story')), ...errors } } },
      '/stories/{id}': { get: { summary: 'A story, its articles and its analysis (null until ingest has analysed it)', parameters: [pathId('id', 'story')], responses: { 200: json({ type: 'object', properties: { story: ref('Story'), articles: { type: 'array', items: ref('ArticleSummary') }, analysis: { oneOf: [ref('StoryAnalysis'), { type: 'null' }] } } }), ...errors } } },
      '/stories/{id}/analysis': { get: { summary: 'How a story was covered and how its copies differ, computed at ingest', parameters: [pathId('id', 'story')], responses: { 200: json(ref('StoryAnalysis')), ...errors } } },
      '/briefing': { get: { summary: 'The day\'s top stories by coverage and growth, with summary, differences and key quotes', responses: { 200: json({ type: 'object', properties: { since: time, until: time, items: { type: 'array', items: { type: 'object', properties: { story: { type: 'object' }, highlights: { type: 'array', items: { type: 'object', properties: { outlet: { type: 'string' }, copy: { type: 'boolean' }, difference: ref('Difference') } } }, summary: { type: 'array', items: { type: 'string' } }, keyQuotes: { type: 'array', items: { type: 'object' } }, coverage: { type: 'object' } } } } } }) } } },
      '/me/briefing': { get: { summary: 'The day\'s briefing from what the reader follows (Bearer token or session), with summary, differences and key quotes', responses: { 200: json({ type: 'object', properties: { since: time, until: time, items: { type: 'array', items: { type: 'object', properties: { story: { type: 'object' }, highlights: { type: 'array', items: { type: 'object', properties: { outlet: { type: 'string' }, copy: { type: 'boolean' }, difference: ref('Difference') } } }, summary: { type: 'array', items: { type: 'string' } }, keyQuotes: { type: 'array', items: { type: 'object' } }, coverage: { type: 'object' } } } } } }) } } },
      '/outlets': { get: { summary: 'The outlet registry', responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Outlet') } } }) } } },
      '/outlets/{name}': {
        get: { summary: 'An outlet and its coverage', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json({ allOf: [ref('Outlet'), { type: 'object', properties: { coverage: { type: 'object', properties: { articles: { type: 'integer' }, stories: { type: 'integer' }, originals: { type: 'integer' }, copies: { type: 'integer' }, first: { type: 'integer' } } } } }] }), ...errors } },
        patch: {
          summary: 'Edit an outlet (admin session cookie and X-CSRF-Token header required); an empty string clears a field',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }, { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { kind: { type: 'string', enum: ['wire', 'publisher', 'broadcaster', 'aggregator'] }, country: { type: 'string', description: 'ISO 3166 alpha-2' }, language: { type: 'string' }, owner: { type: 'string' }, homeUrl: { type: 'string' } } } } } },
          responses: { 200: json(ref('Outlet')), 401: { $ref: '#/components/responses/Error' }, 403: { $ref: '#/components/responses/Error' }, ...errors },
        },
      },
      '/articles': { get: { summary: 'Latest articles', parameters: [limit, cursor, q('outlet', 'Only from this outlet'), q('hashtag', 'Only with this hashtag (without #)')], responses: { 200: json(page('ArticleSummary')), ...errors } } },
      '/articles/{id}': { get: { summary: 'An article with every outlet\'s version and its enrichment', parameters: [pathId('id', 'article')], responses: { 200: json({ type: 'object', properties: { article: ref('Article'), versions: { type: 'array', items: ref('Version') }, enrichment: { oneOf: [ref('Enrichment'), { type: 'null' }] } } }), ...errors } } },
      '/articles/{id}/related': { get: { summary: 'Related articles', parameters: [pathId('id', 'article'), q('limit', 'How many (1–20, default 6)', { type: 'integer' })], responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('ArticleSummary') } } }), ...errors } } },
      '/articles/{id}/comments': {
        get: { summary: 'Comments of an article (bodies of hidden or deleted comments are null)', parameters: [pathId('id', 'article')], responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('Comment') } } }), ...errors } },
        post: {
          summary: 'Post a comment (signed-in session cookie and X-CSRF-Token header required)',
          parameters: [pathId('id', 'article'), { name: 'X-CSRF-Token', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['body'], properties: { body: { type: 'string', maxLength: 4000 }, parentId: { type: ['integer', 'null'] } } } } } },
          responses: { 201: json(ref('Comment'), 'Created'), 401: { $ref: '#/components/responses/Error' }, 403: { $ref: '#/components/responses/Error' }, 429: { $ref: '#/components/responses/Error' }, ...errors },
        },
      },
      '/search': { get: { summary: 'Full-text search, BM25-ranked, with highlighted snippets', parameters: [q('q', 'Words; "quoted phrase", OR, -exclude', { type: 'string' }, true), q('outlet', 'Only from this outlet'), q('hashtag', 'Only with this hashtag'), q('from', 'Published on or after (YYYY-MM-DD)', { type: 'string', format: 'date' }), q('to', 'Published on or before (YYYY-MM-DD)', { type: 'string', format: 'date' }), limit, cursor], responses: { 200: json({ type: 'object', properties: { total: { type: 'integer' }, totalIsLowerBound: { type: 'boolean', description: 'Present and true when counting stopped early: at least `total` articles match' }, items: { type: 'array', items: ref('SearchHit') }, next: nullable('string') } }), ...errors } } },
      '/hashtags': { get: { summary: 'Trending hashtags', parameters: [q('days', 'Window in days (default 7)', { type: 'integer' }), q('limit', 'How many (1–200, default 30)', { type: 'integer' })], responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { hashtag: { type: 'string' }, count: { type: 'integer', description: 'articles' }, stories: { type: 'integer' }, outlets: { type: 'integer' } } } } } }), ...errors } } },
      '/hashtags/{tag}/articles': { get: { summary: 'Latest articles with a hashtag', parameters: [{ name: 'tag', in: 'path', required: true, schema: { type: 'string' } }, limit, cursor], responses: { 200: json(page('ArticleSummary')), ...errors } } },
      '/tokens': { post: { summary: 'A Bearer token for an app, from the email and the API password (set on /my/settings, not the web password)', security: [], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['email', 'password'], properties: { email: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 201: json({ type: 'object', properties: { token: { type: 'string' }, tokenType: { const: 'Bearer' } } }, 'Created'), 401: { $ref: '#/components/responses/Error' }, 429: { $ref: '#/components/responses/Error' } } } },
      '/me': { get: { summary: 'The signed-in account', security: auth, responses: { 200: json({ type: 'object' }), 401: { $ref: '#/components/responses/Error' } } } },
      '/me/follows': {
        get: { summary: 'What the reader follows, with folders and unread counts', security: auth, responses: { 200: json({ type: 'object', properties: { folders: { type: 'array', items: { type: 'object' } }, items: { type: 'array', items: ref('Follow') }, unread: { type: 'integer' } } }), 401: { $ref: '#/components/responses/Error' } } },
        post: { summary: 'Follow a feed (by address: Lede finds the feed a page advertises) or an outlet, hashtag, story, entity or search', security: auth, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { kind: { enum: ['feed', 'outlet', 'hashtag', 'story', 'entity', 'search'] }, url: { type: 'string' }, target: { type: 'string' }, folder: { type: 'string' }, title: { type: 'string' } } } } } }, responses: { 201: json(ref('Follow'), 'Created'), ...errors, 403: { $ref: '#/components/responses/Error' } } },
      },
      '/me/follows/{id}': {
        patch: { summary: 'Rename a follow or move it to a folder (null: out of folders)', security: auth, parameters: [pathId('id', 'follow')], requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { title: { type: 'string' }, folder: nullable('string') } } } } }, responses: { 200: json(ref('Follow')), ...errors } },
        delete: { summary: 'Unfollow', security: auth, parameters: [pathId('id', 'follow')], responses: { 204: { description: 'Unfollowed' }, ...errors } },
      },
      '/me/stream': { get: { summary: 'The reader\'s articles, newest first, with read and starred state', security: auth, parameters: [q('unread', '1: unread only'), q('starred', '1: starred only'), q('follow', 'One follow', { type: 'integer' }), q('folder', 'One folder', { type: 'integer' }), q('before', 'Article id to continue before (the `next` value)', { type: 'integer' }), limit], responses: { 200: json({ type: 'object', properties: { items: { type: 'array', items: ref('ReadingItem') }, next: nullable('string') } }), ...errors } } },
      '/me/unread': { get: { summary: 'Unread counts: total and per follow (articles of the last 30 days)', security: auth, responses: { 200: json({ type: 'object', properties: { total: { type: 'integer' }, byFollow: { type: 'object', additionalProperties: { type: 'integer' } } } }) } } },
      '/me/read': { post: { summary: 'Mark articles read (read: true, default) or unread', security: auth, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'integer' }, maxItems: 1000 }, read: { type: 'boolean' } } } } } }, responses: { 204: { description: 'Done' }, ...errors } } },
      '/me/starred': { post: { summary: 'Star (starred: true, default) or unstar articles', security: auth, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['ids'], properties: { ids: { type: 'array', items: { type: 'integer' }, maxItems: 1000 }, starred: { type: 'boolean' } } } } } }, responses: { 204: { description: 'Done' }, ...errors } } },
      '/me/mark-all-read': { post: { summary: 'Mark everything read, or one follow or folder, optionally only what Lede saw before a time', security: auth, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { follow: { type: 'integer' }, folder: { type: 'integer' }, before: time } } } } }, responses: { 204: { description: 'Done' }, ...errors } } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'POST /tokens' }, session: { type: 'apiKey', in: 'cookie', name: 'lede_session', description: 'The web session; writes also need the X-CSRF-Token header' } },
      responses: { Error: json({ type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', enum: ['bad_input', 'not_found', 'conflict', 'unauthorized', 'forbidden', 'rate_limited', 'too_large', 'internal'] }, message: { type: 'string' } } } } }, 'Error') },
      schemas: {
        Follow: { type: 'object', properties: { id: { type: 'integer' }, kind: { enum: ['feed', 'outlet', 'hashtag', 'story', 'entity', 'search'] }, target: { type: 'string' }, feedId: nullable('integer'), feedUrl: nullable('string'), title: { type: 'string' }, folderId: nullable('integer'), folder: nullable('string'), unread: { type: 'integer' } } },
        ReadingItem: { allOf: [ref('ArticleSummary'), { type: 'object', properties: { read: { type: 'boolean' }, starred: { type: 'boolean' }, starredAt: nullable('string'), follows: { type: 'array', items: { type: 'integer' } } } }] },
        Story: { type: 'object', properties: { id: { type: 'integer' }, title: { type: 'string' }, firstSeen: time, lastSeen: time, articleCount: { type: 'integer' }, outlets: { type: 'array', items: { type: 'string' } } } },
        ArticleSummary: { type: 'object', properties: { id: { type: 'integer' }, storyId: nullable('integer'), title: { type: 'string' }, outlet: { type: 'string' }, url: nullable('string'), published: nullable('string'), firstSeen: time, snippet: { type: 'string' }, image: nullable('string'), outletCount: { type: 'integer' } } },
        SearchHit: { allOf: [ref('ArticleSummary'), { type: 'object', properties: { highlight: { type: 'string', description: 'Snippet, HTML-escaped, matches in <mark>' }, rank: { type: 'number' } } }] },
        Article: { type: 'object', properties: { id: { type: 'integer' }, storyId: nullable('integer'), canonicalVersionId: nullable('integer'), title: { type: 'string' }, byline: nullable('string'), text: { type: 'string' }, html: { type: 'string', description: 'Sanitised HTML' }, lede: nullable('string'), image: nullable('string'), language: nullable('string'), url: nullable('string'), outlet: { type: 'string' }, published: nullable('string'), firstSeen: time } },
        Version: { type: 'object', properties: { id: { type: 'integer' }, articleId: { type: 'integer' }, outlet: { type: 'string' }, url: nullable('string'), title: { type: 'string' }, byline: nullable('string'), published: nullable('string'), fetchedAt: time } },
        Enrichment: { type: 'object', properties: { language: nullable('string'), hashtags: { type: 'array', items: { type: 'string' } }, keyphrases: { type: 'array', items: { type: 'string' } }, entities: { type: 'array', items: { type: 'object', properties: { canonical: { type: 'string' }, type: { type: 'string' }, mentions: { type: 'integer' }, role: nullable('string') } } }, facts: { type: 'array', items: { type: 'object' } }, quotes: { type: 'array', items: { type: 'object', properties: { speaker: nullable('string'), text: { type: 'string' }, direct: { type: 'boolean' } } } }, summary: { type: 'array', items: { type: 'string' } } } },
        Outlet: { type: 'object', properties: { name: { type: 'string' }, homeUrl: nullable('string'), country: nullable('string'), language: nullable('string'), kind: { type: 'string', enum: ['wire', 'publisher', 'broadcaster', 'aggregator'] }, owner: nullable('string'), firstSeen: time, editedAt: nullable('string') } },
        Difference: { type: 'object', required: ['kind'], description: 'One way a copy differs from its original, or an account from the fullest one', properties: { kind: { type: 'string', enum: ['verbatim', 'dropped-lede', 'dropped-paragraphs', 'truncated', 'adds-update', 'adds-paragraphs', 'adds-furniture', 'flattened-quotes', 'unattributed-quotes', 'reworded', 'numbers-differ', 'only-facts', 'only-quotes'] } } },
        StoryAnalysis: {
          type: 'object',
          properties: {
            computedAt: time,
            coverage: { type: 'object', description: 'Outlets (with role: own text or copies of whose), grouped by country, language and kind; the first report' },
            articles: { type: 'array', items: { type: 'object', properties: { articleId: { type: 'integer' }, title: { type: 'string' }, original: { type: 'object' }, versions: { type: 'array', items: { type: 'object', properties: { versionId: { type: 'integer' }, outlet: { type: 'string' }, url: nullable('string'), at: time, role: { type: 'string', enum: ['original', 'copy'] }, differences: { type: 'array', items: ref('Difference') } } } }, againstStory: { type: 'array', items: ref('Difference') } } } },
            fullest: nullable('integer'),
            timeline: { type: 'array', items: { type: 'object', properties: { kind: { type: 'string', enum: ['first-report', 'new-account', 'republished', 'fact', 'quote', 'number-changed', 'update'] }, at: time, outlet: { type: 'string' }, articleId: { type: 'integer' } } } },
            summary: { type: 'array', items: { type: 'string' } }, hashtags: { type: 'array', items: { type: 'string' } },
            keyQuotes: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, speaker: nullable('string'), outlet: { type: 'string' }, outlets: { type: 'integer' }, direct: { type: 'boolean', description: 'false for reported speech: the outlet\'s words, not the speaker\'s' } } } },
          },
        },
        Comment: { type: 'object', properties: { id: { type: 'integer' }, articleId: { type: 'integer' }, parentId: nullable('integer'), author: { type: 'string' }, status: { type: 'string', enum: ['visible', 'hidden', 'deleted'] }, body: nullable('string'), createdAt: time, editedAt: nullable('string') } },
      },
    },
  };
}
