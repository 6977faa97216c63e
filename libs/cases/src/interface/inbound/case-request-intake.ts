import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { createValidationPipe, FieldProblem, ProblemException } from '@ajar/http';
import type { Actor } from '@ajar/observability';
import type { CaseCommandResult } from '../../application/case-changes';
import { AmendCaseCommand } from '../../application/commands/amend-case/amend-case.command';
import { FileDisclosureCommand } from '../../application/commands/file-disclosure/file-disclosure.command';
import { SubmitCaseCommand } from '../../application/commands/submit-case/submit-case.command';
import { WithdrawCaseCommand } from '../../application/commands/withdraw-case/withdraw-case.command';
import type { CaseContent } from '../../domain/case-content';
import { inlineDisclosures, toCaseContent, toDisclosure } from '../http/case-request.mapper';
import { CaseAmendmentRequest } from '../http/dto/case-amendment.request';
import { CaseSubmissionRequest, WithdrawalRequest } from '../http/dto/case-submission.request';
import { FileDisclosureRequest } from '../http/dto/disclosure.dto';

/** What a grant system may push, one per REST write it stands for. */
export const INBOUND_CASE_TYPES = ['case.submit.v1', 'case.amend.v1', 'case.disclosure.v1', 'case.withdraw.v1'] as const;
export type InboundCaseType = (typeof INBOUND_CASE_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type Constructor<T> = new () => T;

function prefixed(error: unknown, prefix: string): unknown {
  if (!(error instanceof ProblemException) || !error.errors) return error;
  const errors: FieldProblem[] = error.errors.map((problem) => ({ ...problem, field: `${prefix}.${problem.field}` }));
  const detail = errors.length === 1 ? `${errors[0].field}: ${errors[0].reason}` : error.detail;
  return new ProblemException(error.status, error.code, error.title, detail, errors, error.headers);
}

/**
 * The REST case writes for callers that push a message instead of calling a route (signed inbound
 * webhooks): the same request classes, the same validation with the same field-level errors
 * (under `data.`), the same commands. The case of a submission gets the id the caller derives
 * from its message, so a redelivered message cannot create a second case.
 */
@Injectable()
export class CaseRequestIntake {
  private readonly validation = createValidationPipe();

  constructor(private readonly commands: CommandBus) {}

  async execute(type: InboundCaseType, data: Record<string, unknown>, actor: Actor & { tenantId: string }, submissionId: string): Promise<CaseCommandResult> {
    if (type === 'case.submit.v1') {
      const body = await this.validate(CaseSubmissionRequest, data);
      return this.commands.execute(
        new SubmitCaseCommand(actor.tenantId, toCaseContent(body) as CaseContent, inlineDisclosures(body.personnel), actor, submissionId),
      );
    }
    const { caseId, ...rest } = data;
    if (typeof caseId !== 'string' || !UUID.test(caseId)) {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', 'data.caseId: must be the UUID of a case', [
        { field: 'data.caseId', reason: 'must be the UUID of a case' },
      ]);
    }
    if (type === 'case.amend.v1') {
      const body = await this.validate(CaseAmendmentRequest, rest);
      const { note, ...changes } = body;
      return this.commands.execute(new AmendCaseCommand(actor.tenantId, caseId, toCaseContent(changes), inlineDisclosures(body.personnel), note, actor));
    }
    if (type === 'case.disclosure.v1') {
      const body = await this.validate(FileDisclosureRequest, rest);
      return this.commands.execute(new FileDisclosureCommand(actor.tenantId, caseId, body.personRef, toDisclosure(body), actor));
    }
    const body = await this.validate(WithdrawalRequest, rest);
    return this.commands.execute(new WithdrawCaseCommand(actor.tenantId, caseId, body.reason, actor));
  }

  private async validate<T>(metatype: Constructor<T>, value: Record<string, unknown>): Promise<T> {
    try {
      return (await this.validation.transform(value, { type: 'body', metatype })) as T;
    } catch (error) {
      throw prefixed(error, 'data');
    }
  }
}
