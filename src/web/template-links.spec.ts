import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '../kernel/paths';

/**
 * The templates write their links literally (passing builders into every
 * template would be churn for little gain), so this checks each literal
 * link against the routes the controllers declare: a template cannot link
 * to a page that is not there, as the mails once did.
 */
const SRC = join(__dirname, '..');

/** Templates live beside their use cases (src/<capability>/<use-case>/*.eta) and in the shell (src/web/views): every one under src/. */
const templates = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.eta')).sort();

const routePatterns = Object.values(routes).map((pattern) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`));

/** Every href and form action of a template that names a path of ours, with `<%= … %>` values as a stand-in segment. */
function linksIn(file: string): string[] {
  const source = readFileSync(join(SRC, file), 'utf8');
  // recommendation.eta and review.eta name their page once, as `base`.
  const base = /const base = '([^']+)' \+/.exec(source)?.[1];
  return [...source.matchAll(/\b(?:href|action)="([^"]*)"/g)]
    .map((m) => m[1])
    .map((link) => (base ? link.replace(/<%= base %>/g, `${base}value`) : link))
    .filter((link) => link.startsWith('/') && !link.startsWith('/static/'))
    .map((link) => link.replace(/<%=[^%]*%>/g, 'value').replace(/[?#].*$/, ''));
}

describe('the links the templates write', () => {
  const files = templates;

  it('there are templates with links to check', () => {
    expect(files.flatMap(linksIn).length).toBeGreaterThan(20);
  });

  it.each(files)('%s links only to pages the paths module names', (file) => {
    const unknown = linksIn(file).filter((path) => !routePatterns.some((p) => p.test(path)));
    expect(unknown).toEqual([]);
  });
});
