import { matchNames, normaliseOrganisationName } from './index';

describe('normaliseOrganisationName', () => {
  it('drops legal forms across languages, dotted or not', () => {
    const forms = ['Ltd', 'Co.', 'Inc.', 'LLC', 'GmbH', 'AG', 'S.A.', 'S.p.A.', 'B.V.', 'Oy', 'AB', 'Co., Ltd.', 'Sp. z o.o.', 'OOO'];
    for (const form of forms) expect(normaliseOrganisationName(`Volkarin Photonics ${form}`)).toBe('photonics volkarin');
  });

  it('folds case, punctuation, accents and word order', () => {
    expect(normaliseOrganisationName('VOLKARIN, PHOTONICS;')).toBe(normaliseOrganisationName('photonics  volkarin'));
    expect(normaliseOrganisationName('Académie Volkarín')).toBe('academy volkarin');
  });

  it('transliterates other scripts', () => {
    expect(normaliseOrganisationName('ООО Волков')).toBe(normaliseOrganisationName('OOO Volkov'));
    expect(normaliseOrganisationName('Πανεπιστήμιο Ξάνθη')).toBe('university xanthi');
    expect(normaliseOrganisationName('华鑫科技有限公司')).toBe('hua technology xin');
  });

  it('expands common abbreviations and foreign generic words', () => {
    expect(normaliseOrganisationName('Volkarin Univ. of Sci. & Tech.')).toBe(normaliseOrganisationName('Volkarin University of Science and Technology'));
    expect(normaliseOrganisationName('Volkarin Inst. Acad.')).toBe('academy institute volkarin');
    expect(normaliseOrganisationName('Universität Volkarin')).toBe(normaliseOrganisationName('Volkarin University'));
  });

  it('is empty for names made of generic words only', () => {
    expect(normaliseOrganisationName('The National University of Science and Technology Ltd')).toBe('');
    expect(normaliseOrganisationName('CORP')).toBe('');
  });
});

describe('matchNames', () => {
  const match = (a: string, b: string, ca?: string, cb?: string) => matchNames(a, b, ca, cb).score;

  it('meets names in other scripts', () => {
    expect(match('ООО Волков', 'OOO Volkov')).toBe(1);
    expect(match('Хлебников Институт', 'Khlebnikov Institute')).toBeGreaterThanOrEqual(0.9);
    expect(match('华鑫科技有限公司', 'Huaxin Technology Co., Ltd.')).toBe(1);
    expect(match('شركة النور للتجارة', 'Al Noor Trading Company')).toBeGreaterThanOrEqual(0.9);
    expect(match('Σασιρραεφ Τεχνολογίες', 'Sashirraev Technologies')).toBeGreaterThanOrEqual(0.9);
  });

  it('ignores word order and "University of X" versus "X University"', () => {
    expect(match('University of Westbrook', 'Westbrook Univ.')).toBe(1);
    expect(match('Dremov Volkarin Optics', 'Volkarin Dremov Optics')).toBe(1);
  });

  it('tolerates typos in distinctive and generic words', () => {
    expect(match('Volkrain Optics', 'Volkarin Optics')).toBeGreaterThanOrEqual(0.85);
    expect(match('Volkarin Univercity', 'Volkarin University')).toBe(1);
  });

  it('never matches on generic words alone (watchman #483)', () => {
    expect(match('BELLETECH CORP', '11420 CORP.')).toBe(0);
    expect(match('Volkarin University', 'Dremosk University')).toBe(0);
    expect(match('National Research University', 'Volkarin Research University')).toBe(0);
    expect(match('Advanced Photonics Ltd', 'Advanced Optics Inc')).toBe(0);
  });

  it('meets a name of only common words by its whole name (an exact listed name is always a candidate)', () => {
    expect(match('National Research University', 'NATIONAL RESEARCH UNIVERSITY')).toBe(1);
    expect(match('Ministry of State Security', 'MINISTRY OF STATE SECURITY')).toBe(1);
    expect(match('Ministry of State Security', 'Ministry of Public Security')).toBe(0);
  });

  it('keeps names that differ by one distinctive token below the threshold', () => {
    expect(match('Northgate Volkarin Optics', 'Sorvenko Volkarin Optics')).toBeLessThan(0.7);
    expect(match('Volkarin Optics', 'Volkarin Marine')).toBeLessThan(0.7);
  });

  it('treats acronyms as weak aliases only', () => {
    const result = matchNames('MIT', 'Massachusetts Institute of Technology');
    expect(result.score).toBe(0.6);
    expect(result.features).toMatchObject({ weakAlias: 0.6 });
    expect(result.features.name).toBeUndefined();
  });

  it('uses the country as a qualifier', () => {
    expect(matchNames('Volkarin Optics', 'Volkarin Optics', 'XA', 'XA')).toMatchObject({ score: 1, features: { country: 'agree' } });
    expect(matchNames('Volkarin Optics', 'Volkarin Optics', 'XA', 'XB')).toMatchObject({ score: 0.8, features: { country: 'mismatch' } });
  });
});
