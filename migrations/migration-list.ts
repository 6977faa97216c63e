import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795301812049 } from './1795301812049-InitialSchema';
import { AuditTablesAppendOnly1795301812100 } from './1795301812100-AuditTablesAppendOnly';
import { PoliciesAndCalls1795303258662 } from './1795303258662-PoliciesAndCalls';
import { Assessments1795303902858 } from './1795303902858-Assessments';
import { ReferenceListVersions1795304712234 } from './1795304712234-ReferenceListVersions';
import { AssessmentsImmutable1795304900000 } from './1795304900000-AssessmentsImmutable';
import { ListHitAdjudications1795305238621 } from './1795305238621-ListHitAdjudications';
import { ReferenceLists1795305576274 } from './1795305576274-ReferenceLists';
import { ListMonitoringProgress1795307321949 } from './1795307321949-ListMonitoringProgress';
import { Integrations1795309704283 } from './1795309704283-Integrations';
import { CaseReviewAndDeadlines1795311353613 } from './1795311353613-CaseReviewAndDeadlines';
import { ReviewEscalationMitigationNotices1795312977568 } from './1795312977568-ReviewEscalationMitigationNotices';
import { SingleStatementCaseChanges1795345000000 } from './1795345000000-SingleStatementCaseChanges';
import { Lz4DocumentCompression1795345100000 } from './1795345100000-Lz4DocumentCompression';
import { AdvisorRegistrationCodes1796690375443 } from './1796690375443-AdvisorRegistrationCodes';
import { DropExpectRows1796690797689 } from './1796690797689-DropExpectRows';
import { IdempotencyLeases1796691510755 } from './1796691510755-IdempotencyLeases';
import { CasesScreeningIndex1796691886882 } from './1796691886882-CasesScreeningIndex';
import { OutboxSettledAt1796700000000 } from './1796700000000-OutboxSettledAt';

/** Every migration, in order. Add each new generated migration here. */
export const migrationList: (new () => MigrationInterface)[] = [
  InitialSchema1795301812049,
  AuditTablesAppendOnly1795301812100,
  PoliciesAndCalls1795303258662,
  Assessments1795303902858,
  ReferenceListVersions1795304712234,
  AssessmentsImmutable1795304900000,
  ListHitAdjudications1795305238621,
  ReferenceLists1795305576274,
  ListMonitoringProgress1795307321949,
  Integrations1795309704283,
  CaseReviewAndDeadlines1795311353613,
  ReviewEscalationMitigationNotices1795312977568,
  SingleStatementCaseChanges1795345000000,
  Lz4DocumentCompression1795345100000,
  AdvisorRegistrationCodes1796690375443,
  DropExpectRows1796690797689,
  IdempotencyLeases1796691510755,
  CasesScreeningIndex1796691886882,
  OutboxSettledAt1796700000000,
];
