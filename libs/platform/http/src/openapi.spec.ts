import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { completeDocument } from './openapi';

function documentWith(paths: OpenAPIObject['paths'], schemas: Record<string, SchemaObject> = {}): OpenAPIObject {
  return { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

/** An operation as the route-access decorators leave it: with its `x-ajar-access` extension. */
function withAccess(operationId: string, access: unknown): OperationObject {
  return Object.assign({ operationId, responses: {} }, { 'x-ajar-access': access });
}

describe('completeDocument', () => {
  it('takes security and 401/403 from the route access rule', () => {
    const document = completeDocument(
      documentWith({
        '/a': { get: withAccess('a', { kind: 'roles', roles: ['rso'] }) },
        '/b': { get: withAccess('b', { kind: 'public' }) },
        '/c': { post: withAccess('c', { kind: 'bootstrap' }) },
      }),
    );
    const rso = document.paths['/a'].get!;
    expect(rso.security).toEqual([{ apiKey: [] }]);
    expect(Object.keys(rso.responses)).toEqual(expect.arrayContaining(['401', '403']));
    expect(Object.entries(rso).find(([key]) => key === 'x-ajar-roles')?.[1]).toEqual(['rso']);
    expect(Object.keys(rso)).not.toContain('x-ajar-access');
    expect(document.paths['/b'].get!.security).toEqual([]);
    expect(document.paths['/b'].get!.responses['401']).toBeUndefined();
    expect(document.paths['/c'].post!.security).toEqual([{ bootstrapToken: [] }]);
  });

  it('lists Idempotency-Key on POST and PATCH and one optional If-Match, with their problems', () => {
    const document = completeDocument(
      documentWith({
        '/cases/{id}': {
          patch: {
            operationId: 'amend',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'if-match', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
            ],
            responses: { '202': { description: '' } },
          },
          get: { operationId: 'get', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: {} },
        },
      }),
    );
    const patch = document.paths['/cases/{id}'].patch!;
    const headers = (patch.parameters as { name: string; in: string; required?: boolean }[]).filter((parameter) => parameter.in === 'header');
    expect(headers.map((header) => [header.name, header.required])).toEqual([
      ['If-Match', false],
      ['Idempotency-Key', false],
    ]);
    expect(JSON.stringify(patch.responses['409'])).toContain('STREAM.VERSION_CONFLICT');
    expect(JSON.stringify(patch.responses['422'])).toContain('IDEMPOTENCY.KEY_REUSED');
    expect((patch.parameters as { schema: { format?: string } }[])[0].schema.format).toBe('uuid');
    const get = document.paths['/cases/{id}'].get!;
    expect((get.parameters as { in: string }[]).filter((parameter) => parameter.in === 'header')).toEqual([]);
  });

  it('writes nullable as a null type, types string enums and single allOf as the schema itself', () => {
    const document = completeDocument(
      documentWith(
        {},
        {
          View: {
            type: 'object',
            properties: {
              note: { type: 'string', nullable: true },
              kind: { type: 'object', enum: ['a', 'b'] },
              state: { allOf: [{ $ref: '#/components/schemas/State' }], description: 'the state' },
              createdAt: { type: 'string' },
            },
          },
        },
      ),
    );
    const view = document.components!.schemas!.View as { properties: Record<string, Record<string, unknown>> };
    expect(view.properties.note).toEqual({ type: ['string', 'null'] });
    expect(view.properties.kind).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(view.properties.state).toEqual({ $ref: '#/components/schemas/State', description: 'the state' });
    expect(view.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
  });
});
