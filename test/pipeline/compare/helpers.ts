// Texts for the comparison tests: the two seed documents as ingest reads them (extract → normalize →
// enrich → digest), and a constructed wire story to change one thing at a time.
import { readFileSync } from 'node:fs';
import type { VersionDigest } from '../../../src/domain/analysis.ts';
import type { ExtractedPage } from '../../../src/domain/types.ts';
import { versionDigest } from '../../../src/pipeline/compare/index.ts';
import { enrich } from '../../../src/pipeline/enrich/index.ts';
import { extract } from '../../../src/pipeline/extract/index.ts';
import { normalizeText } from '../../../src/pipeline/normalize/index.ts';

const root = new URL('../../../fixtures/', import.meta.url);

export interface ReadCopy {
  title: string;
  text: string;
  page: ExtractedPage;
  digest: VersionDigest;
}

export function readCopy(page: ExtractedPage, title = page.title ?? ''): ReadCopy {
  const text = normalizeText(page.text).text;
  return { title, text, page, digest: versionDigest(enrich({ title, text }), page) };
}

/** The publisher's page (Asharq Al-Awsat) as the demo serves it, and the aggregator's copy (Daily8, seed 000). */
export function seedPair(): { publisher: ReadCopy; aggregator: ReadCopy } {
  const publisher = extract({ html: readFileSync(new URL('demo/seed-pages/asharq-iraq-coalition.html', root), 'utf8'), url: 'https://english.aawsat.com/iraq' });
  const aggregator = extract({ text: readFileSync(new URL('seeds/000_8d169c1d68591c33.txt', root), 'utf8'), url: 'https://daily8.example/iraq' });
  return { publisher: readCopy(publisher), aggregator: readCopy(aggregator) };
}

/** A wire story of five paragraphs, with a number, a direct quote and a date. */
export const WIRE_TITLE = 'Storm floods river towns as rescue teams reach stranded villages';
export const WIRE = [
  'Floodwaters rose through river towns in the northern valley on Tuesday after three days of rain, and rescue teams reached villages that had been cut off since the weekend, regional officials said.',
  'The regional governor, Marta Lindqvist, said about 1,200 residents had been moved to schools and sports halls. “We will not leave anyone behind while the water is still rising,” Lindqvist told reporters in the valley town of Orsa.',
  'The river peaked at 4.8 metres above its normal level on Monday night, the highest mark since the floods of 2013, according to the national weather service.',
  'Engineers worked through the night to shore up a dam upstream of the town, and the army sent 300 soldiers with boats and pumps to the worst hit areas.',
  'Forecasters expect the rain to ease by Thursday, but warned that the water would take several days to recede from farmland along the lower river.',
];

export const paragraphs = (ps: string[]) => ps.join('\n\n');

/** A constructed copy read as ingest reads it (plain text through extract). */
export function textCopy(title: string, ps: string[]): ReadCopy {
  return readCopy(extract({ text: `${title}\n\n${paragraphs(ps)}` }), title);
}
