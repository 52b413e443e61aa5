import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { WebExceptionFilter } from './web-exception.filter';
import { WebGuard } from './web.guard';

/**
 * A web UI controller: out of the API's bearer-token guard and the OpenAPI
 * document, behind the cookie session guard, with errors shown as pages.
 */
export const WebController = (path = '') =>
  applyDecorators(ApiExcludeController(), Public(), UseGuards(WebGuard), UseFilters(WebExceptionFilter), Controller(path));
