import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';

const roles = (e: ReturnType<typeof enrich>) => Object.fromEntries(e.entities.filter((x) => x.type === 'PER').map((x) => [x.canonical, x.role]));

describe('roles a reader is shown beside a name', () => {
  it('takes the next names of a list for no role, and keeps a role an organisation owns', () => {
    const e = enrich({
      title: 'Show',
      text: 'She danced for judges Len Goodman, Bruno Tonioli and Carrie Ann Inaba on Monday. Reporting by Greg Roumeliotis, Joshua Franklin and Koh Gui Qing. ' +
        'No rain has fallen since September, said Scott Strenfel, PG&E\'s principal meteorologist.',
    });
    const r = roles(e);
    expect(r['Len Goodman']).toBeNull();
    expect(r['Greg Roumeliotis']).toBeNull();
    expect(r['Scott Strenfel']).toBe("PG&E's principal meteorologist");
  });

  it('reaches back over no full stop for a title, nor takes a participle\'s clause for a role', () => {
    const e = enrich({
      title: 'Prison',
      text: 'The guards failed the Bureau of Prisons. Attorney General William Barr said the failures were serious. Tova Noel and Michael Thomas, assigned to the special housing unit, were charged.',
    });
    const r = roles(e);
    expect(r['William Barr']).toBe('Attorney General');
    expect(r['Michael Thomas'] ?? null).toBeNull();
  });
});
