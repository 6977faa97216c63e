import type { ReferenceCandidate, ReferenceIndex } from '../../model/reference';
import { aCase, aPartner, aPerson, anAffiliation, withDisclosure } from '../../testing/case-snapshot.fixture';
import { findings, run } from '../../testing/appraisal-harness';

const partnerNamed = (name: string, extra: Parameters<typeof aPartner>[0] = {}) => aCase({ partners: [aPartner({ name, identifiers: {}, ...extra })] });

/** A fixed-answer index for scores the exact-match index cannot produce. */
function stubIndex(candidate: Omit<ReferenceCandidate, 'listVersion' | 'topics'> & { topics?: string[] }): ReferenceIndex {
  return {
    lookup: (query) => (query.name === candidate.matchedName ? [{ listVersion: 1, topics: [], ...candidate }] : []),
    versions: () => [{ listId: candidate.listId, version: 1 }],
  };
}

describe('L rules: list-based screening', () => {
  describe('RS-L-001 sanctions', () => {
    it('fires as a review candidate on a name match, and as C4 / ineligible once confirmed', () => {
      const pending = run(partnerNamed('Sample Photonics Ltd'));
      expect(findings(pending, 'RS-L-001')).toMatchObject([
        { severity: 'S2', effect: 'review', subject: '/partners/0', evidence: { listId: 'test-sanctions', listVersion: 3, entryId: 'san-1', status: 'pending' } },
      ]);
      expect(pending.counterparty).toBe('C0');

      const confirmed = run(
        aCase({
          partners: [aPartner({ name: 'Sample Photonics Ltd', identifiers: {} })],
          adjudications: [{ subject: '/partners/0', listId: 'test-sanctions', entryId: 'san-1', decision: 'confirmed' }],
        }),
      );
      expect(findings(confirmed, 'RS-L-001')).toMatchObject([{ severity: 'S4', effect: 'ineligible', evidence: { status: 'confirmed', confirmedBy: 'adjudication' } }]);
      expect(confirmed.counterparty).toBe('C4');
    });

    it('screens named persons against sanctions lists', () => {
      const assessment = run(aCase({ personnel: [aPerson({ name: 'Ivan Testperson' })] }));
      expect(findings(assessment, 'RS-L-001')).toMatchObject([{ subject: '/personnel/0', evidence: { entryId: 'san-2' } }]);
    });

    it('does not fire for an unrelated name or a generic-word-only name', () => {
      expect(findings(run(partnerNamed('Sample Photonics Trading Corp University')), 'RS-L-001')).toEqual([]);
      expect(findings(run(partnerNamed('Ltd')), 'RS-L-001')).toEqual([]);
    });
  });

  describe('RS-L-002 export-control restricted parties', () => {
    it('fires; confirmed → C3 escalate, denied party → C4', () => {
      const ec = run(
        aCase({
          partners: [aPartner({ name: 'Example Defence Electronics Research Institute 7', country: 'XX', identifiers: {} })],
          adjudications: [{ subject: '/partners/0', listId: 'test-entity-list', entryId: 'el-1', decision: 'confirmed' }],
        }),
      );
      expect(findings(ec, 'RS-L-002')).toMatchObject([{ severity: 'S3', effect: 'escalate', mitigations: ['MIT-07'] }]);
      const denied = run(
        aCase({
          partners: [aPartner({ name: 'Denied Tradeworks', identifiers: {} })],
          adjudications: [{ subject: '/partners/0', listId: 'test-entity-list', entryId: 'el-2', decision: 'confirmed' }],
        }),
      );
      expect(findings(denied, 'RS-L-002')).toMatchObject([{ severity: 'S4', effect: 'ineligible' }]);
      expect(denied.level).toBe('blocked');
    });

    it('does not fire for a partner not on the list', () => {
      expect(findings(run(aCase()), 'RS-L-002')).toEqual([]);
    });
  });

  describe('RS-L-003 research-security lists', () => {
    it('fires for a named research organisation, by name or alias; confirmed → C3', () => {
      expect(findings(run(partnerNamed('Example Institute of Optics')), 'RS-L-003')).toMatchObject([{ evidence: { entryId: 'nro-1', features: { alias: 0.95 } } }]);
      const confirmed = run(
        aCase({
          partners: [aPartner({ name: 'Example Academy of Applied Sciences', identifiers: {} })],
          adjudications: [{ subject: '/partners/0', listId: 'test-nro', entryId: 'nro-1', decision: 'confirmed' }],
        }),
      );
      expect(findings(confirmed, 'RS-L-003')).toMatchObject([{ severity: 'S3', effect: 'escalate', dimension: 'knowledge_transfer' }]);
      expect(confirmed.counterparty).toBe('C3');
    });

    it('does not screen persons against research-security lists', () => {
      // nro-4 is a person entry named like the baseline PI; persons meet legal lists only.
      expect(findings(run(aCase()), 'RS-L-003')).toEqual([]);
    });
  });

  describe('RS-L-004 defence-linked lists and ratings', () => {
    const confirmedPartner = (name: string, entryId: string) =>
      aCase({ partners: [aPartner({ name, identifiers: {} })], adjudications: [{ subject: '/partners/0', listId: 'test-nro', entryId, decision: 'confirmed' }] });

    it('fires: §1286 entry → C3, advisory rating medium → C2', () => {
      const listed = run(confirmedPartner('Westbrook Polytechnic University', 'nro-2'));
      expect(findings(listed, 'RS-L-004')).toMatchObject([{ severity: 'S3', effect: 'mitigate' }]);
      expect(listed.counterparty).toBe('C3');
      const rated = run(confirmedPartner('Eastvale Marine Institute', 'nro-3'));
      expect(findings(rated, 'RS-L-004')).toMatchObject([{ severity: 'S2', evidence: { rating: 'medium' } }]);
      expect(rated.counterparty).toBe('C2');
    });

    it('does not fire for a named research organisation without defence links', () => {
      expect(findings(run(partnerNamed('Example Academy of Applied Sciences')), 'RS-L-004')).toEqual([]);
    });
  });

  describe('RS-L-005 debarment and exclusion', () => {
    it('fires for a debarred organisation on a watch list', () => {
      expect(findings(run(partnerNamed('Greyfield Consulting')), 'RS-L-005')).toMatchObject([{ severity: 'S1', effect: 'review' }]);
    });

    it('does not fire for a listed organisation without the debarment topic', () => {
      expect(findings(run(partnerNamed('Quiet Harbour Holdings')), 'RS-L-005')).toEqual([]);
    });
  });

  describe('RS-L-006 topic mapping', () => {
    it('fires for mapped topics (signals to P rules) and for persons of interest', () => {
      expect(findings(run(partnerNamed('Redmount State Works')), 'RS-L-006')).toMatchObject([
        { severity: 'S0', evidence: { signals: ['RS-P-003', 'RS-P-006'] } },
      ]);
      expect(findings(run(partnerNamed('Quiet Harbour Holdings')), 'RS-L-006')).toMatchObject([{ severity: 'S1', effect: 'review' }]);
    });

    it('does not fire for an entry without mapped topics', () => {
      expect(findings(run(partnerNamed('Greyfield Consulting')), 'RS-L-006')).toEqual([]);
    });
  });

  describe('RS-L-007 match threshold and review band', () => {
    const index = stubIndex({ listId: 'stub', listKind: 'research_security', entryId: 's-1', matchedName: 'Harbourline Labs', score: 0.6, features: { name: 0.6 } });

    it('fires for a score in the 0.50–0.70 band when the research is R3', () => {
      const r3 = aCase({ partners: [aPartner({ name: 'Harbourline Labs' })], technologyAreas: ['weapons_military'] });
      expect(findings(run(r3, { index }), 'RS-L-007')).toMatchObject([{ severity: 'S1', evidence: { score: 0.6, candidateThreshold: 0.7 } }]);
    });

    it('does not fire for the same score when the research is below R3', () => {
      const r0 = aCase({ partners: [aPartner({ name: 'Harbourline Labs' })] });
      const assessment = run(r0, { index });
      expect(findings(assessment, 'RS-L-007')).toEqual([]);
      expect(assessment.findings).toEqual([]);
    });
  });

  describe('RS-L-008 ownership and control look-through', () => {
    const owned = (control: boolean) =>
      aCase({
        partners: [aPartner({ ownershipChain: [{ name: 'Sample Photonics Ltd', percent: 60, control }] })],
        adjudications: [{ subject: '/partners/0/ownershipChain/0', listId: 'test-sanctions', entryId: 'san-1', decision: 'confirmed' }],
      });

    it('fires one level lower for a sanctioned majority owner, in full when control is proven', () => {
      const share = run(owned(false));
      expect(findings(share, 'RS-L-008')).toMatchObject([{ severity: 'S3', effect: 'escalate', evidence: { inheritedRule: 'RS-L-001', partner: '/partners/0' } }]);
      expect(share.counterparty).toBe('C3');
      const control = run(owned(true));
      expect(findings(control, 'RS-L-008')).toMatchObject([{ severity: 'S4', effect: 'ineligible' }]);
      expect(control.level).toBe('blocked');
    });

    it('does not look through a minority owner without control', () => {
      const minority = aCase({ partners: [aPartner({ ownershipChain: [{ name: 'Sample Photonics Ltd', percent: 10 }] })] });
      expect(findings(run(minority), 'RS-L-008')).toEqual([]);
    });
  });

  describe('RS-L-009 weak alias', () => {
    it('fires (S1 review) instead of a list finding when only an acronym alias matches', () => {
      const assessment = run(partnerNamed('EAAS', { country: 'XX' }));
      expect(findings(assessment, 'RS-L-009')).toMatchObject([{ severity: 'S1', evidence: { features: { weakAlias: 0.65 } } }]);
      expect(findings(assessment, 'RS-L-003')).toEqual([]);
    });

    it('does not fire for a full-name match', () => {
      expect(findings(run(partnerNamed('Example Academy of Applied Sciences')), 'RS-L-009')).toEqual([]);
    });
  });

  describe('RS-L-010 new hit since the last screening', () => {
    it('fires for a hit the previous screening did not have', () => {
      const assessment = run(aCase({ partners: [aPartner({ name: 'Greyfield Consulting', identifiers: {} })], priorScreening: { hits: [] } }));
      expect(findings(assessment, 'RS-L-010')).toMatchObject([{ severity: 'S2', evidence: { entryId: 'w-1' } }]);
    });

    it('does not fire for a known hit, nor on a first screening', () => {
      const known = aCase({
        partners: [aPartner({ name: 'Greyfield Consulting', identifiers: {} })],
        priorScreening: { hits: [{ subject: '/partners/0', listId: 'test-watch', entryId: 'w-1' }] },
      });
      expect(findings(run(known), 'RS-L-010')).toEqual([]);
      expect(findings(run(partnerNamed('Greyfield Consulting')), 'RS-L-010')).toEqual([]);
    });
  });

  describe('RS-L-011 adjudication memory', () => {
    const cleared = (entryLastChange: string) =>
      aCase({
        partners: [aPartner({ name: 'Sample Photonics Ltd', identifiers: {} })],
        adjudications: [{ subject: '/partners/0', listId: 'test-sanctions', entryId: 'san-1', decision: 'false_positive', entryLastChange }],
      });

    it('fires: a false positive stays suppressed (S0), and re-opens when the entry changed', () => {
      const suppressed = run(cleared('2025-01-01'));
      expect(findings(suppressed, 'RS-L-011')).toMatchObject([{ severity: 'S0', effect: 'none' }]);
      expect(findings(suppressed, 'RS-L-001')).toEqual([]);
      expect(suppressed.route).toBe('auto_clear');
      const reopened = run(cleared('2024-06-01'));
      expect(findings(reopened, 'RS-L-011')).toMatchObject([{ severity: 'S1', effect: 'review' }]);
      expect(findings(reopened, 'RS-L-001')).toMatchObject([{ evidence: { status: 'reopened' } }]);
    });

    it('does not fire without an adjudication', () => {
      expect(findings(run(partnerNamed('Sample Photonics Ltd')), 'RS-L-011')).toEqual([]);
    });
  });

  it('screens affiliations of named persons as organisations', () => {
    const person = withDisclosure(aPerson(), { affiliations: [anAffiliation({ organisation: { name: 'Example Academy of Applied Sciences', country: 'XX' } })] });
    expect(findings(run(aCase({ personnel: [person] })), 'RS-L-003')).toMatchObject([
      { subject: '/personnel/0/disclosure/affiliations/1/organisation' },
    ]);
  });
});
