import { InvalidCaseContent } from '../domain/case.errors';

/**
 * The calls a case may be submitted under, as the policies context answers (its PolicyCatalogue
 * is bound to this token in the cases module; handler specs pass a fake).
 */
export abstract class OpenCalls {
  abstract isOpenCall(tenantId: string, callId: string): Promise<boolean>;
}

/** Refuses (422 naming `callId`) a call that is not an open call of the tenant. */
export async function assertOpenCall(calls: OpenCalls, tenantId: string, callId: string | null | undefined): Promise<void> {
  if (typeof callId !== 'string') return;
  if (!(await calls.isOpenCall(tenantId, callId))) throw new InvalidCaseContent('callId', `${callId} is not an open call of this tenant.`);
}
