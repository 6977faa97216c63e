// A typed Ajar client in a few lines: openapi-fetch over the types openapi-typescript generates from
// the API's OpenAPI document (`npm run openapi` writes docs/openapi.json and ajar-api.d.ts).
//   AJAR_URL=http://localhost:3000 AJAR_API_KEY=ajar_… npx tsx examples/client/client.ts
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { components, paths } from './ajar-api';

type Problem = components['schemas']['Problem'];
type CaseSubmission = components['schemas']['CaseSubmissionRequest'];

const ajar = createClient<paths>({
  baseUrl: process.env.AJAR_URL ?? 'http://localhost:3000',
  headers: { Authorization: `Bearer ${process.env.AJAR_API_KEY ?? ''}` },
});

const submission: CaseSubmission = {
  kind: 'collaboration',
  title: 'Photonic quantum sensors for medical imaging',
  partners: [{ name: 'Acme Photonics B.V.', country: 'NL', type: 'company' }],
  personnel: [{ ref: 'p1', name: 'Researcher 1', role: 'pi' }],
};

/** Every error is RFC 9457 problem details with a stable `code`. */
function report(problem: Problem): never {
  throw new Error(`${problem.status} ${problem.code}: ${problem.detail}`);
}

export async function main(): Promise<void> {
  // The same Idempotency-Key on a retry returns the first answer instead of a second case.
  const submitted = await ajar.POST('/v1/cases', { body: submission, params: { header: { 'Idempotency-Key': randomUUID() } } });
  if (submitted.error) return report(submitted.error);
  const id = submitted.data.id;

  // Screening is asynchronous: poll until the case has left intake and screening.
  let state = submitted.data.state;
  while (state === 'submitted' || state === 'screening') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const current = await ajar.GET('/v1/cases/{id}', { params: { path: { id } } });
    if (current.error) return report(current.error);
    state = current.data.state;
  }

  const assessment = await ajar.GET('/v1/cases/{id}/assessments/latest', { params: { path: { id } } });
  if (assessment.error) {
    if (assessment.error.code === 'ASSESSMENT.NOT_FOUND') return console.log(`case ${id} is ${state}, not assessed`);
    return report(assessment.error);
  }
  console.log(`case ${id}: ${assessment.data.level} (${assessment.data.route}), ${assessment.data.findings.length} findings`);

  const page = await ajar.GET('/v1/cases', { params: { query: { state: 'in_review', level: 'high', limit: 10 } } });
  if (page.error) return report(page.error);
  for (const listed of page.data.items) console.log(listed.id, listed.title, listed.level ?? 'not assessed');
}

if (require.main === module) main().catch((error: unknown) => { console.error(error); process.exit(1); });
