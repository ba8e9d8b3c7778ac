// Feeds are parsed with every DOCTYPE removed first. Why by hand, before the parser: fast-xml-parser (under
// feedsmith) throws on any external entity, which would lose a whole feed over one hostile line, and its
// DOCTYPE reader's expansion limits have changed between releases (CVE-2023-34104 was a ReDoS there).
// Feeds have no legitimate use for a DTD: HTML named entities (&nbsp;) are decoded by feedsmith without
// one. With the DOCTYPE gone, entity references such as &xxe; or &lol9; stay inert literal text, so XXE
// and billion-laughs payloads cost nothing, whatever the parser version.
import { LedeError } from '../../domain/errors.ts';

/** Removes every `<!DOCTYPE …>` (internal subset included), skipping comments and CDATA sections. */
export function stripDoctypes(xml: string): string {
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf('<!', pos);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      pos = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      pos = end < 0 ? xml.length : end + 3;
      continue;
    }
    if (xml.slice(lt + 2, lt + 9).toUpperCase() !== 'DOCTYPE') {
      pos = lt + 2;
      continue;
    }
    const end = doctypeEnd(xml, lt + 9);
    if (end < 0) throw new LedeError('feed_invalid', 'unterminated DOCTYPE declaration');
    xml = xml.slice(0, lt) + xml.slice(end);
    pos = lt;
  }
  return xml;
}

/** Index just after the `>` closing a DOCTYPE that starts before `from`, or -1. */
function doctypeEnd(xml: string, from: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '<' && xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 2;
    } else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return -1;
}
