import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { sendProblem } from './problem-details.filter';

export const BODY_LIMIT = '1mb';

/**
 * Everything about the HTTP app that is not a module: body parsing with its limit, security
 * headers, OpenAPI. Used by main.ts and by the tests, so both serve the same app. The app must
 * be created with `bodyParser: false`.
 */
export function configureApp(app: INestApplication): void {
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(express.json({ limit: BODY_LIMIT, type: ['application/json', 'application/*+json'], strict: true }));
  // Errors of the body parser (too large, not JSON) never reach Nest's filters: answer them here.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    sendProblem(response, error, request.originalUrl);
  });
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ajar API')
      .setDescription(
        'Research-security appraisal: case intake, disclosures, screening, review and decisions. ' +
          'Errors are RFC 9457 application/problem+json. Every POST and PATCH accepts an Idempotency-Key header.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An Ajar API key (ajar_…), or the bootstrap token for POST /v1/tenants' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
