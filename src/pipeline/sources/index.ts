// sources: publishers and their feeds — OPML import/export and feed discovery on a home page.
export { parseOpml, parseOpmlDetailed, toOpml, normalizeCategory } from './opml.ts';
export type { OpmlOutline, OpmlImport } from './opml.ts';
export { discoverFeeds } from './discover.ts';
export type { DiscoveredFeed } from './discover.ts';
export { subscribe, addKnownFeed, importOutlines, httpUrl } from './service.ts';
export type { Subscribed, SubscribeOptions, ImportResult } from './service.ts';
export { outletSighting, guessKind, countryOfHost, type OutletEvidence } from './outlet.ts';
