import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROUTE_ACCESS, RouteAccess } from '@ajar/http';
import { TestSystem } from '../../support/test-system';

/** One route of the API app, found from the controllers' decorator metadata. */
interface DeclaredRoute {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: RouteAccess | undefined;
}

/** A route registered on the Express app itself (what actually answers requests). */
interface MountedRoute {
  method: string;
  path: string;
}

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
}

function joinPaths(...parts: unknown[]): string {
  const segments = parts
    .flatMap((part) => (Array.isArray(part) ? part : [part]))
    .filter((part): part is string => typeof part === 'string')
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0);
  return `/${segments.join('/')}`;
}

function enumerateRoutes(system: TestSystem): DeclaredRoute[] {
  const discovery = new DiscoveryService(system.api.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype;
    if (typeof controller !== 'function') continue;
    const prototype = controller.prototype as Record<string, unknown>;
    const controllerPath: unknown = Reflect.getMetadata(PATH_METADATA, controller);
    const controllerAccess = Reflect.getMetadata(ROUTE_ACCESS, controller) as RouteAccess | undefined;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const methodPath: unknown = Reflect.getMetadata(PATH_METADATA, handler);
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (methodPath === undefined || typeof method !== 'number') continue; // not a route handler
      routes.push({
        method: RequestMethod[method],
        path: joinPaths(controllerPath, methodPath),
        controller: controller.name,
        handler: name,
        // The guard reads the handler first, then the class (getAllAndOverride): mirror that.
        access: (Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined) ?? controllerAccess,
      });
    }
  }
  return routes;
}

function mountedRoutes(system: TestSystem): MountedRoute[] {
  const express = system.api.getHttpAdapter().getInstance() as { router?: { stack: ExpressLayer[] }; _router?: { stack: ExpressLayer[] } };
  const stack = express.router?.stack ?? express._router?.stack ?? [];
  const routes: MountedRoute[] = [];
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes;
}

const key = (route: { method: string; path: string }): string => `${route.method} ${route.path}`;

describe('every route declares who may call it', () => {
  let system: TestSystem;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    routes = enumerateRoutes(system);
  });
  afterAll(() => system.stop());

  it('finds the known routes of every controller, so the check below cannot pass vacuously', () => {
    const found = routes.map(key);
    expect(found).toEqual(
      expect.arrayContaining([
        'POST /v1/tenants',
        'POST /v1/api-keys',
        'GET /v1/api-keys',
        'DELETE /v1/api-keys/:id',
        'POST /v1/cases',
        'GET /v1/cases',
        'GET /v1/cases/:id',
        'PATCH /v1/cases/:id',
        'POST /v1/cases/:id/disclosures',
        'POST /v1/cases/:id/withdrawal',
        'GET /v1/cases/:id/events',
        'GET /v1/audit/verify',
        'GET /health/live',
        'GET /health/ready',
        'PUT /v1/policies/:name',
        'GET /v1/policies/:name',
        'POST /v1/calls',
        'GET /v1/calls/:id',
        'GET /v1/policy-schema',
        'GET /v1/cases/:id/assessments',
        'GET /v1/cases/:id/assessments/latest',
        'POST /v1/cases/:id/list-hits/:hitId/adjudication',
        'PUT /v1/reference-lists/:listId',
        'POST /v1/reference-lists/:listId/versions',
        'GET /v1/reference-lists',
        'GET /v1/reference-lists/:listId',
        'POST /v1/webhook-endpoints',
        'GET /v1/webhook-endpoints',
        'GET /v1/webhook-endpoints/:id',
        'POST /v1/webhook-endpoints/:id/disable',
        'POST /v1/webhook-endpoints/:id/enable',
        'DELETE /v1/webhook-endpoints/:id',
        'POST /v1/webhook-endpoints/:id/secret-rotation',
        'GET /v1/webhook-endpoints/:id/attempts',
        'GET /v1/webhook-event-types',
        'GET /v1/webhook-messages/:id',
        'POST /v1/webhook-messages/:id/replay',
        'POST /v1/integrations',
        'GET /v1/integrations',
        'GET /v1/integrations/:id/inbound-log',
        'POST /v1/inbound/:integrationId',
        'POST /v1/cases/:id/review-assignment',
        'POST /v1/cases/:id/security-judgement',
        'POST /v1/cases/:id/decision',
        'POST /v1/cases/:id/decision/approval',
        'POST /v1/cases/:id/decision/response',
        'POST /v1/cases/:id/appeal',
        'POST /v1/cases/:id/appeal/decision',
        'POST /v1/cases/:id/escalations',
        'POST /v1/cases/:id/escalations/:escalationId/withdrawal',
        'POST /v1/cases/:id/information-requests',
        'POST /v1/cases/:id/information-requests/:requestId/response',
        'POST /v1/cases/:id/change-of-circumstances',
        'GET /v1/escalations',
        'GET /v1/escalations/:escalationId',
        'POST /v1/escalations/:escalationId/advice',
        'POST /v1/cases/:id/mitigation-plan',
        'POST /v1/cases/:id/mitigation-plan/agreement',
        'POST /v1/cases/:id/mitigation-plan/measures/:measureId/completion',
        'POST /v1/advisors',
        'GET /v1/advisors',
        'POST /v1/advisor-registration-codes',
        'GET /v1/advisor-registration-codes',
        'DELETE /v1/advisor-registration-codes/:id',
        'GET /v1/cases/:id/decision-letter',
        'GET /v1/register',
        'GET /v1/cases/:id/review-tasks',
        'GET /v1/review-tasks',
      ]),
    );
    expect(new Set(found).size).toBe(found.length);
    expect(new Set(routes.map((route) => route.controller))).toEqual(
      new Set([
        'TenantsController',
        'ApiKeysController',
        'CasesController',
        'AuditController',
        'HealthController',
        'PoliciesController',
        'ReferenceListsController',
        'WebhookEndpointsController',
        'WebhookMessagesController',
        'InboundIntegrationsController',
        'InboundWebhooksController',
        'CaseReviewController',
        'CaseEscalationController',
        'CaseMonitoringController',
        'EscalationsController',
        'CaseMitigationController',
        'AdvisorsController',
        'AdvisorRegistrationCodesController',
        'CaseRecordsController',
        'RegisterController',
        'ReviewTasksController',
        // GET /docs-json for admin keys when AJAR_API_DOCS=admin
        'OpenApiDocumentController',
      ]),
    );
  });

  it('has no route without ROUTE_ACCESS metadata on its handler or controller', () => {
    const undeclared = routes.filter((route) => route.access === undefined).map((route) => `${key(route)} (${route.controller}.${route.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('declares a well-formed access on every route: public, bootstrap, or a non-empty list of known roles', () => {
    const known = new Set(['admin', 'rso', 'approver', 'applicant', 'ethics_committee', 'national_advisor', 'auditor', 'integrator']);
    for (const route of routes) {
      const access = route.access;
      expect({ route: key(route), kind: access?.kind }).toEqual({ route: key(route), kind: expect.stringMatching(/^(public|bootstrap|roles)$/) });
      if (access?.kind === 'roles') {
        expect({ route: key(route), roles: access.roles.length > 0 }).toEqual({ route: key(route), roles: true });
        expect({ route: key(route), unknown: access.roles.filter((role) => !known.has(role)) }).toEqual({ route: key(route), unknown: [] });
      }
    }
    const byKind = (kind: RouteAccess['kind']): string[] => routes.filter((route) => route.access?.kind === kind).map(key).sort();
    // The inbound door is public to API keys: a Standard Webhooks signature authenticates it.
    expect(byKind('public')).toEqual(['GET /health/live', 'GET /health/ready', 'POST /v1/inbound/:integrationId']);
    expect(byKind('bootstrap')).toEqual(['POST /v1/tenants']);
  });

  it('serves no Express route that is not a declared controller route, apart from the OpenAPI docs', () => {
    // Nest mounts app-wide middleware (context, logging) as catch-all `/{*path}` layers: not routes.
    const mounted = mountedRoutes(system).filter((route) => !route.path.includes('{*'));
    expect(mounted.length).toBeGreaterThanOrEqual(routes.length);
    expect(mounted.map(key)).toEqual(expect.arrayContaining(['GET /docs-json']));
    const declared = new Set(routes.map(key));
    // GET /metrics checks its own scrape token (test/e2e/platform/metrics.e2e-spec.ts).
    const operatorRoutes = new Set(['GET /metrics']);
    expect(mounted.map(key)).toEqual(expect.arrayContaining([...operatorRoutes]));
    const stray = mounted.filter((route) => !route.path.startsWith('/docs') && !operatorRoutes.has(key(route)) && !declared.has(key(route))).map(key);
    expect(stray).toEqual([]);
    // And every declared route is really mounted.
    const mountedKeys = new Set(mounted.map(key));
    expect(routes.map(key).filter((route) => !mountedKeys.has(route))).toEqual([]);
  });

  it('lists the /v1 routes in the OpenAPI document at GET /docs-json', async () => {
    const response = await system.http().get('/docs-json').expect(200);
    expect(response.headers['content-type']).toContain('application/json');
    const document = response.body as OpenApiDocument;
    expect(document.openapi).toMatch(/^3\./);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const v1 = routes.filter((route) => route.path.startsWith('/v1/')).map(key);
    expect(v1.length).toBeGreaterThanOrEqual(12);
    expect(documented).toEqual(expect.arrayContaining(v1));
  });
});
