import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CookieSession, Public } from '../auth/auth.decorators';
import { WebExceptionFilter } from './web-exception.filter';
import { WebGuard } from './web.guard';

/**
 * A web UI controller: out of the API's bearer-token guard and the OpenAPI
 * document, behind the cookie session guard, with errors shown as pages.
 */
export const WebController = (path = '') =>
  applyDecorators(ApiExcludeController(), Public(), CookieSession(), UseGuards(WebGuard), UseFilters(WebExceptionFilter), Controller(path));
