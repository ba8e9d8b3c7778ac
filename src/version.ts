import { readFileSync } from 'node:fs';

/** The package version, used in the User-Agent (`Lede/<version>`) and `lede --version`. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
export const USER_AGENT = `Lede/${VERSION} (+https://github.com/lede-news/lede)`;
