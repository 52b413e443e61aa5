import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Eta } from 'eta';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { webRouteExclusions } from '../kernel/paths';

/**
 * Where the templates and the stylesheet are. They are not TypeScript, so
 * `tsc` does not copy them to dist/: rather than a copy step that can go
 * stale, the compiled code reads them from the source tree. Run from source
 * (Jest) `src/` is one level up from this file; run from dist/src/web/ it is
 * three levels up. The first folder that exists wins.
 */
function sourceDir(): string {
  const candidates = [join(__dirname, '..'), join(__dirname, '..', '..', '..', 'src')];
  const found = candidates.find((dir) => existsSync(join(dir, 'web', 'views', 'layout.eta')));
  if (!found) throw new Error(`The web UI's templates were not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** The UI's routes are at the site root, not under the API's /api/v1 prefix: every page the paths module names. */
export const WEB_ROUTES = webRouteExclusions();

/**
 * Server-rendered pages through Nest's MVC support, with Eta templates.
 * autoEscape is Eta's default and stated here on purpose: every `<%= %>`
 * is HTML-escaped, so text users wrote cannot become markup.
 */
export function configureWeb(nestApp: INestApplication): void {
  const app = nestApp as NestExpressApplication;
  // Templates live beside the use case that renders them (src/<capability>/<use-case>/*.eta); the
  // layout, partials and error page of the shell under src/web/views. So the root is src/ itself.
  const views = sourceDir();
  const eta = new Eta({ views, autoEscape: true, cache: true, defaultExtension: '.eta' });
  app.engine('eta', (path: string, options: object, callback: (error: Error | null, html?: string) => void) => {
    try {
      callback(null, eta.render(relative(views, path), options));
    } catch (error) {
      callback(error as Error);
    }
  });
  app.setBaseViewsDir(views);
  app.setViewEngine('eta');
  app.useStaticAssets(join(views, 'web', 'public'), { prefix: '/static/', maxAge: '1h', index: false });
}
