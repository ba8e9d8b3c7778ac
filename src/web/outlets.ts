// The outlet registry on the web side: one validation of an admin's edit, used by the admin form and
// by PATCH /api/v1/outlets/:name alike.
import { OUTLET_KINDS, type OutletKind, type OutletPatch } from '../domain/analysis.ts';
import { LedeError } from '../domain/errors.ts';

const blank = (v: unknown): boolean => v === null || (typeof v === 'string' && v.trim() === '');

/** The fields of an edit that are present, validated; an empty string clears a field. */
export function readOutletPatch(input: Record<string, unknown>): OutletPatch {
  const patch: OutletPatch = {};
  const text = (k: string): string | null | undefined => {
    const v = input[k];
    if (v === undefined) return undefined;
    if (blank(v)) return null;
    if (typeof v !== 'string') throw new LedeError('bad_input', `${k} must be text`);
    return v.trim();
  };
  const home = text('homeUrl');
  if (home !== undefined) {
    if (home !== null) {
      let ok = false;
      try { ok = ['http:', 'https:'].includes(new URL(home).protocol); } catch { /* not a URL */ }
      if (!ok || home.length > 500) throw new LedeError('bad_input', 'The home page must be an http(s) URL.');
    }
    patch.homeUrl = home;
  }
  const country = text('country');
  if (country !== undefined) {
    if (country !== null && !/^[A-Za-z]{2}$/.test(country)) throw new LedeError('bad_input', 'The country is a two-letter ISO 3166 code, e.g. SA or GB.');
    patch.country = country?.toUpperCase() ?? null;
  }
  const language = text('language');
  if (language !== undefined) {
    if (language !== null && !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language)) throw new LedeError('bad_input', 'The language is a BCP 47 code, e.g. en or ar.');
    patch.language = language === null ? null : language.split('-')[0]!.toLowerCase();
  }
  const kind = text('kind');
  if (kind !== undefined) {
    if (!OUTLET_KINDS.includes(kind as OutletKind)) throw new LedeError('bad_input', `The kind is one of ${OUTLET_KINDS.join(', ')}.`);
    patch.kind = kind as OutletKind;
  }
  const owner = text('owner');
  if (owner !== undefined) {
    if (owner !== null && owner.length > 200) throw new LedeError('bad_input', 'The owner is at most 200 characters.');
    patch.owner = owner;
  }
  return patch;
}
