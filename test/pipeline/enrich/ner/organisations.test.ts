import { describe, expect, it } from 'vitest';
import { enrich } from '../../../../src/pipeline/enrich/index.ts';
import { withRuleOff } from './rule-off.ts';

/** PER, ORG and LOC mentions of a text, as "TYPE:text", as `lede analyze` finds them. */
const typed = (text: string) => enrich({ title: 'Report', text }).mentions.filter((m) => ['PER', 'ORG', 'LOC'].includes(m.type)).map((m) => `${m.type}:${m.text}`);


describe('organisations named by their kind and what they serve', () => {
  it('names no organisation by a bare kind ("Office", "the Company"), but keeps a government body said before', () => {
    const text = "The pressure grew as NASA's Office of the Inspector General released two reports. We had hoped that the U.S. Attorney's Office would act.";
    expect(typed(text).filter((t) => /Office$/.test(t))).toEqual([]);
    expect(withRuleOff('bareKinds', () => typed(text))).toContain('ORG:Office');
    expect(enrich({ title: 'NASA audit', text }).hashtags).not.toContain('#Office');
    expect(typed('The European Commission fined Google. The Commission said the fine was fair.')).toContain('ORG:Commission');
    expect(typed('If to Borrower: Vringo, Inc. BIG Center, Bet Shemesh.').filter((t) => /^ORG:Inc\.?$/.test(t))).toEqual([]);
    expect(typed('Each Party shall notify the other Party in writing within ten days.')).not.toContain('ORG:Party');
    expect(typed('He joined the Labour Party in 1994.')).toContain('ORG:Labour Party');
  });

  it('reads an organisation named after a person as one organisation', () => {
    const text = 'The Robert C. Byrd National Aerospace Education Center opened nearby in 2004.';
    expect(typed(text)).toContain('ORG:Robert C. Byrd National Aerospace Education Center');
    expect(withRuleOff('namedAfter', () => typed(text))).not.toContain('ORG:Robert C. Byrd National Aerospace Education Center');
  });

  it('reads a company named short by the first word of its full name as the company', () => {
    const text = 'NASA said SpaceX and Tyvak Nano-Satellite Systems had been selected. Marco Villa said Tyvak would leverage that experience.';
    expect(typed(text)).toContain('ORG:Tyvak');
    expect(withRuleOff('businessTails', () => typed(text))).not.toContain('ORG:Tyvak');
  });

  it('reads no place in a product named with its maker before it ("Google Stadia", then "on Stadia")', () => {
    const text = 'Google Stadia launches tomorrow. Google promised 4K, but Destiny 2 runs at medium settings on Stadia, and Red Dead Redemption 2 on Stadia is no better.';
    expect(typed(text).filter((t) => /^(?:LOC|PER):Stadia$/.test(t))).toEqual([]);
    expect(withRuleOff('productNames', () => typed(text))).toContain('LOC:Stadia');
    // A place after a company stays one.
    expect(typed('Google Paris opened in 2012. Google said Paris was its hub for research.')).toContain('LOC:Paris');
  });

  it('reads no organisation in a term a contract defines ("Loan Documents"), but keeps a party\'s defined role', () => {
    const text = 'Silicon Valley Bank ("Bank") and Crocs, Inc. ("Borrower") entered into a loan agreement (the "Loan Documents"). ' +
      'Each advance (a "Credit Extension") is subject to the Loan Documents. Bank may refuse any Credit Extension if Borrower is in default.';
    const orgs = () => typed(text).filter((t) => /Loan Documents|Credit Extension/.test(t));
    expect(orgs()).toEqual([]);
    expect(withRuleOff('definedTerms', () => orgs()).length).toBeGreaterThan(0);
    expect(typed(text)).toContain('ORG:Silicon Valley Bank');
  });

  it('closes a name with the kind of organisation the tagger left out after it', () => {
    const text = 'NASA said SpaceX and Tyvak Nano-Satellite Systems had been selected for the missions.';
    expect(typed(text)).toContain('ORG:Tyvak Nano-Satellite Systems');
    expect(withRuleOff('orgHeadAfter', () => typed(text))).not.toContain('ORG:Tyvak Nano-Satellite Systems');
  });

  it('names a university, an army or an assembly together with the place after "of"', () => {
    const text = 'He taught chemistry at the University of Kansas for a decade.';
    expect(typed(text)).toContain('ORG:University of Kansas');
    expect(withRuleOff('kindOf', () => typed(text))).not.toContain('ORG:University of Kansas');
    const army = 'The regiment later joined the Army of the Tennessee at Corinth.';
    expect(typed(army)).toContain('ORG:Army of the Tennessee');
    expect(typed('He was twice elected to the Legislative Assembly of Alberta as a farmer.')).toContain('ORG:Legislative Assembly of Alberta');
  });

  it('keeps a company or a party that serves a place apart from the place', () => {
    const got = typed('The Standard Oil Company of New York built the tank. He joined the Liberal Party of Nova Scotia.');
    expect(got).not.toContain('ORG:Standard Oil Company of New York');
    expect(got).not.toContain('ORG:Liberal Party of Nova Scotia');
  });

  it("names a city's council with the city, a country's ministry without the nationality", () => {
    const text = 'The Toronto City Council approved the plan. The Bristol City Council delayed it.';
    expect(typed(text)).toContain('ORG:Bristol City Council');
    expect(withRuleOff('localBodies', () => typed(text))).not.toContain('ORG:Bristol City Council');
    expect(typed('The Iranian Foreign Ministry summoned the envoy.')).toContain('ORG:Foreign Ministry');
  });

  it('keeps a nationality that opens an organisation\'s name in the name', () => {
    const text = 'She became a member of the Hungarian Academy of Arts in 1999. He fought with the Polish Air Force during the war.';
    expect(typed(text)).toEqual(expect.arrayContaining(['ORG:Hungarian Academy of Arts', 'ORG:Polish Air Force']));
    expect(withRuleOff('demonymOrgs', () => typed(text))).not.toContain('ORG:Polish Air Force');
  });
});

describe('organisations listed together', () => {
  it('splits a company with a legal form from a one-word company after "and"', () => {
    const text = 'Kirin Holdings and Asahi raised prices.';
    expect(typed(text)).toEqual(expect.arrayContaining(['ORG:Kirin Holdings', 'ORG:Asahi']));
    expect(withRuleOff('orgPairTail', () => typed(text))).not.toContain('ORG:Asahi');
  });
});

describe('a name listed with an organisation', () => {
  it('is an organisation where no gazetteer knows it as a place', () => {
    const text = 'Shares of Nissan Motor Corp and Subaru fell.';
    expect(typed(text)).toContain('ORG:Subaru');
    expect(withRuleOff('listedOrgs', () => typed(text))).toContain('LOC:Subaru');
  });

  it('stays a place where it is one', () => {
    expect(typed('Toyota Motor Corp and Kenya signed the deal.')).not.toContain('ORG:Kenya');
  });
});

describe('a kind of organisation before a name', () => {
  it('makes an unknown name after it an organisation, not a place', () => {
    const text = 'A representative of the London-based charity Haldor in Mali told reporters on Monday.\n' +
      'The former minister joined a new political party called New Tanzania.';
    expect(typed(text)).toEqual(expect.arrayContaining(['ORG:Haldor', 'ORG:New Tanzania', 'LOC:Mali']));
    expect(withRuleOff('kindBefore', () => typed(text))).toEqual(expect.arrayContaining(['LOC:Haldor', 'LOC:New Tanzania']));
  });
});

describe('a hall of fame', () => {
  it('is one organisation with the field that names it', () => {
    const text = 'The former goalkeeper was inducted into the Curling Hall of Fame in 2004.';
    expect(typed(text)).toContain('ORG:Curling Hall of Fame');
    expect(withRuleOff('hallsOfFame', () => typed(text))).not.toContain('ORG:Curling Hall of Fame');
    // A walk of fame is a place, whole: no "Fame" of its own.
    const walk = 'Penelope Cruz received a star on the Hollywood Walk of Fame on Friday.';
    expect(typed(walk)).toContain('LOC:Hollywood Walk of Fame');
    expect(typed(walk)).not.toContain('LOC:Fame');
  });
});

describe('what a name is said to be', () => {
  it('makes it an organisation when the verb names a kind of organisation', () => {
    const text = 'Vantoro is a Swiss chain of discount stores.\nOrvela is a Finnish company that makes paper.';
    expect(typed(text)).toEqual(expect.arrayContaining(['ORG:Vantoro', 'ORG:Orvela']));
    expect(withRuleOff('orgCopula', () => typed(text))).not.toContain('ORG:Orvela');
  });

  it('leaves a person said to be a member of one a person', () => {
    expect(typed('Maria Kessler is a member of the party.')).toContain('PER:Maria Kessler');
  });
});

describe('a known organisation in Title Case', () => {
  it('is found as written when truecasing lowered its words', () => {
    const text = 'Human Rights Watch Urges Countries to Drop Travel Limits for People With HIV';
    expect(typed(text)).toContain('ORG:Human Rights Watch');
    expect(withRuleOff('gazetteerCased', () => typed(text))).not.toContain('ORG:Human Rights Watch');
  });
});

describe('results listed in a sentence of a sports report', () => {
  const report = 'Results of Dutch first division matches on Saturday: Vitesse 2 Heerenveen 1, Groningen 0 Utrecht 3, Twente 1 Kenya 1.\n' +
    'Vitesse coach Jan Smit said his striker had scored a fine goal, and the league leaders stay unbeaten.';
  it('makes clubs of the teams, a country its national team (the place)', () => {
    const got = wireTyped('SOCCER - DUTCH RESULTS', report);
    expect(got).toEqual(expect.arrayContaining(['ORG:Groningen', 'ORG:Utrecht', 'ORG:Heerenveen', 'LOC:Kenya']));
    expect(withRuleOff('inlineScores', () => wireTyped('SOCCER - DUTCH RESULTS', report))).not.toContain('ORG:Utrecht');
  });

  it('reads no list of one name and a figure as a result', () => {
    expect(typed('The index rose: Utrecht 3 Kenya 2 were the figures.')).not.toContain('ORG:Utrecht');
  });
});

/** A wire item's PER, ORG and LOC mentions with its headline, as "TYPE:text". */
function wireTyped(title: string, text: string): string[] {
  return enrich({ title, text }).mentions.filter((m) => ['PER', 'ORG', 'LOC'].includes(m.type)).map((m) => `${m.type}:${m.text}`);
}

describe('publications and makers the tagger reads as places or people', () => {
  it('reads a name whose review, report or analysts the text cites as an organisation', () => {
    const text = "According to The Verge's Stadia review, the service does not run its launch title at 4K. It was revealed in Eurogamer's review that " +
      'another game renders at 1440p. Spending passed all other forms of display advertising in 2017, according to analysis from Poynter.';
    const got = typed(text);
    for (const name of ['The Verge', 'Eurogamer', 'Poynter']) {
      expect(got.filter((m) => m.endsWith(':' + name))).not.toContainEqual(expect.stringMatching(/^(?:LOC|PER):/));
    }
    expect(got).toContain('ORG:Eurogamer');
    expect(withRuleOff('citedOutlets', () => typed(text)).filter((m) => /^(?:ORG):(?:The Verge|Eurogamer|Poynter)$/.test(m)).length)
      .toBeLessThan(got.filter((m) => /^(?:ORG):(?:The Verge|Eurogamer|Poynter)$/.test(m)).length);
  });

  it('keeps a person whose report the text cites a person when it names them in full', () => {
    const got = typed("Robert Mueller delivered his findings on Friday. Mueller's report did not establish a conspiracy, the attorney general said.");
    expect(got).not.toContain('ORG:Mueller');
  });

  it('reads a one-word name that unveils or recalls its models as a company, everywhere the text names it', () => {
    const text = 'Audi has revealed the second production model in its e-tron all-electric range, with the car making its debut at the LA Auto Show. ' +
      'Audi says deliveries start in the spring. Joining the Audi e-tron SUV, the new model will have four-wheel drive.';
    expect(typed(text).filter((m) => m.endsWith(':Audi'))).not.toContain('PER:Audi');
    expect(typed('Toyota is recalling 1.2 million vehicles over faulty airbags, Toyota said on Tuesday.')).not.toContain('PER:Toyota');
    const person = 'Jane Goodall launched a new campaign on Monday. Goodall said the campaign would last a year.';
    expect(typed(person)).not.toContain('ORG:Goodall');
  });
});

describe('an organisation run on into its owner', () => {
  it('splits off a person named alone elsewhere, so the surname and the full name are one person', () => {
    const text = "NASA picked Jeff Bezos's Blue Origin and Elon Musk's SpaceX on Monday to bid for lunar landers. Musk said SpaceX was ready.";
    const e = enrich({ title: "Musk's and Bezos's firms to bid", text });
    const got = e.mentions.filter((m) => ['PER', 'ORG', 'LOC'].includes(m.type)).map((m) => `${m.type}:${m.text}`);
    expect(got).not.toContain('ORG:Blue Origin and Elon Musk');
    if (got.includes('PER:Elon Musk')) expect(got).toContain('ORG:Blue Origin');
    expect(e.entities.filter((x) => x.type === 'PER').map((x) => x.canonical)).not.toContain('Musk');
    expect(e.hashtags).not.toContain('#Musk');
  });

  it('leaves a name whose last part is nobody named alone whole', () => {
    expect(typed('The grant went to the Bill and Melinda Gates Foundation, officials said on Monday.')).not.toContain('PER:Melinda Gates');
  });
});

describe('companies told by their company', () => {
  it('reads a name between two organisations of a list as an organisation', () => {
    const text = 'Nine companies were picked a year ago: Astrobotic, Deep Space Systems, Draper, Firefly Aerospace, Intuitive Machines, Lockheed Martin, Masten Space Systems and Moon Express.';
    const got = typed(text);
    expect(got).toContain('ORG:Lockheed Martin');
    expect(withRuleOff('gazetteerRetype', () => withRuleOff('amidListedOrgs', () => typed(text)))).toContain('PER:Lockheed Martin');
    // A person listed with companies, by a given name, is no company.
    expect(typed('The plan was backed by Google, Larry Page and Amazon, the filing showed. Page said he was glad.')).not.toContain('ORG:Larry Page');
  });

});
