import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ProblemException } from './problem';
import { Roles } from './route-access';

/** The document `configureApp` built, when AJAR_API_DOCS=admin serves it through the guard. */
@Injectable()
export class OpenApiDocumentHolder {
  document?: OpenAPIObject;
}

/**
 * /docs-json for admin API keys (AJAR_API_DOCS=admin). With `public` the Swagger module answers
 * this path before the router; with `off` a middleware does (404).
 */
@ApiExcludeController()
@Controller()
export class OpenApiDocumentController {
  constructor(private readonly holder: OpenApiDocumentHolder) {}

  @Get('docs-json')
  @Roles('admin')
  document(): OpenAPIObject {
    if (!this.holder.document) throw new ProblemException(404, 'RESOURCE.NOT_FOUND', 'Not found', 'The API description is not served here.');
    return this.holder.document;
  }
}
