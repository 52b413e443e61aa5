import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, urlencoded } from 'express';
import { HttpExceptionFilter } from './kernel/http/http-exception.filter';
import { refuseDeepJson } from './kernel/http/json-depth';
import { validationPipe } from './kernel/http/validation';
import { WebExceptionFilter } from './web/web-exception.filter';
import { SESSION_COOKIE } from './web/web-session';
import { configureWeb, WEB_ROUTES } from './web/web.setup';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from './kernel/config';
import { APP_CONFIG } from './kernel/kernel.module';
import { assignRequestId, enterRequestContext } from './kernel/request-context';
import { securityHeaders } from './kernel/security-headers';

export const API_PREFIX = 'api/v1';

/** Everything about the HTTP app that main.ts, the tests and the benchmark share. */
export function configureApp(app: INestApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  // Behind a reverse proxy, req.ip is the client's address only if the proxy is trusted (TRUST_PROXY).
  (app as NestExpressApplication).set('trust proxy', config.trustProxy);
  (app as NestExpressApplication).disable('x-powered-by');
  // Before anything can refuse a request: every answer carries its X-Request-Id and the security headers.
  app.use(assignRequestId);
  app.use(securityHeaders(config, SESSION_COOKIE));
  // Bodies over 100 kB are refused with 413, and JSON nested deeper than MAX_JSON_DEPTH with 400, before any handler runs.
  app.use(json({ limit: '100kb', verify: refuseDeepJson }));
  app.use(urlencoded({ extended: false, limit: '100kb' }));
  app.use(enterRequestContext);
  // The web UI's pages live at the site root (/, /logga-in, /oppet, …), outside the API's prefix.
  app.setGlobalPrefix(API_PREFIX, { exclude: WEB_ROUTES });
  configureWeb(app);
  app.useGlobalPipes(validationPipe());
  // Errors on pages outside the API, wherever they arise, become the web UI's error page.
  app.useGlobalFilters(new HttpExceptionFilter(app.get(WebExceptionFilter)));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Uppföljning API')
      .setDescription('Follow-up of recommendations to the committee: reviews, recommendations, actions, planning cycles, reports and audit.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
