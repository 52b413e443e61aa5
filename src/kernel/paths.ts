/**
 * Every page of the web UI, named once. The web controllers declare their
 * routes with `routes.*`, and every link the application builds (redirects,
 * mails) comes from `paths.*`, which fills in those same patterns, so a link
 * cannot point at a page that is not there. Mails were once built by hand
 * from an English path (`/recommendations/<id>`) no route served.
 *
 * The patterns use the router's syntax (`:id`), with a leading slash, and
 * the controllers are mounted at the root.
 */
export const routes = {
  home: '/',
  signIn: '/logga-in',
  signOut: '/logga-ut',
  forgotPassword: '/losenord/glomt',
  choosePassword: '/losenord/valj',
  changePassword: '/losenord/byt',
  language: '/sprak',
  publicPage: '/oppet',
  recommendations: '/rekommendationer',
  recommendation: '/rekommendationer/:id',
  addAction: '/rekommendationer/:id/atgarder',
  reportProgress: '/rekommendationer/:id/atgarder/:actionId/framsteg',
  rescheduleAction: '/rekommendationer/:id/atgarder/:actionId/omplanera',
  completeAction: '/rekommendationer/:id/atgarder/:actionId/slutfor',
  cancelAction: '/rekommendationer/:id/atgarder/:actionId/avbryt',
  editAction: '/rekommendationer/:id/atgarder/:actionId/andra',
  assignAction: '/rekommendationer/:id/atgarder/:actionId/ansvarig',
  retractProgress: '/rekommendationer/:id/atgarder/:actionId/framsteg/:updateId/ta-tillbaka',
  correctRecommendation: '/rekommendationer/:id/rattelse',
  approveCompletion: '/rekommendationer/:id/atgarder/:actionId/godkann',
  sendBackCompletion: '/rekommendationer/:id/atgarder/:actionId/skicka-tillbaka',
  recordDecision: '/rekommendationer/:id/beslut',
  recordAssessment: '/rekommendationer/:id/bedomning',
  reopen: '/rekommendationer/:id/ateroppna',
  publishSummary: '/rekommendationer/:id/publicera',
  withdrawSummary: '/rekommendationer/:id/publicera/ta-bort',
  publishActionSummary: '/rekommendationer/:id/atgarder/:actionId/publicera',
  withdrawActionSummary: '/rekommendationer/:id/atgarder/:actionId/publicera/ta-bort',
  myActions: '/mina-atgarder',
  notReported: '/ej-rapporterat',
  reviews: '/granskningar',
  review: '/granskningar/:id',
  reviewDecision: '/granskningar/:id/beslut',
  registerRecommendation: '/granskningar/:id/rekommendationer',
  importRecommendations: '/granskningar/:id/importera',
  applyImport: '/granskningar/:id/importera/:previewId',
  exportRecommendations: '/export/rekommendationer',
  exportUsers: '/export/anvandare',
  exportReviews: '/export/granskningar',
  exportReports: '/export/rapporter',
  reports: '/rapporter',
  reportFile: '/rapporter/:id/fil',
  reportJob: '/rapporter/jobb/:id',
  auditLog: '/logg',
  auditVerify: '/logg/verifiera',
  auditExport: '/logg/export',
  users: '/anvandare',
  user: '/anvandare/:id',
  userPasswordLink: '/anvandare/:id/losenordslank',
  units: '/enheter',
  unit: '/enheter/:id',
  search: '/sok',
  overview: '/oversikt',
  attachFile: '/rekommendationer/:id/atgarder/:actionId/bilagor',
  commentOnAction: '/rekommendationer/:id/atgarder/:actionId/kommentarer',
  // Under the recommendation's own path: the file belongs to it, and the API's prefix leaves /rekommendationer alone.
  attachment: '/rekommendationer/:id/bilagor/:fileId',
  anchorLog: '/logg/forankra',
} as const;

type Params = Record<string, string>;

/** A route pattern with its `:name` parameters filled in, each encoded as one path segment. */
export function fill(pattern: string, params: Params = {}): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`The path ${pattern} needs ${name}`);
    return encodeURIComponent(value);
  });
}

/** Query and fragment for a path; empty values are left out. */
function withExtras(path: string, query: Record<string, string | undefined> = {}, fragment?: string): string {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
  return `${path}${search ? `?${search}` : ''}${fragment ? `#${encodeURIComponent(fragment)}` : ''}`;
}

/** The element id of an action on its recommendation's page, which links may jump to. */
const actionAnchor = (actionId: string) => `action-${actionId}`;

/** The query of a recommendation's page that shows every event of its timeline, not only the latest. */
const WHOLE_TIMELINE = { name: 'historik', value: 'alla' } as const;

/** Whether a recommendation's page was opened with its whole timeline asked for (paths.recommendation's `wholeTimeline`). */
export const asksWholeTimeline = (query: Record<string, unknown>): boolean => query[WHOLE_TIMELINE.name] === WHOLE_TIMELINE.value;

/**
 * Links to the pages. `notice` is the key of the confirmation the page shows
 * after a write (`?klart=`); `anchor` is an element id on the page.
 */
export const paths = {
  /** The front door, which sends each user on to the start page of their role (ShellWebController). */
  home: (options: { notice?: string } = {}) => withExtras(routes.home, { klart: options.notice }),
  signIn: (next?: string) => withExtras(routes.signIn, { next }),
  forgotPassword: () => routes.forgotPassword,
  /** The page a password link opens; the token is a query parameter, which the logs redact. */
  choosePassword: (token: string) => withExtras(routes.choosePassword, { token }),
  changePassword: () => routes.changePassword,
  publicPage: () => routes.publicPage,
  recommendations: () => routes.recommendations,
  recommendation: (id: string, options: { actionId?: string; anchor?: string; notice?: string; asOf?: string; wholeTimeline?: boolean } = {}) =>
    withExtras(
      fill(routes.recommendation, { id }),
      { asOf: options.asOf, klart: options.notice, [WHOLE_TIMELINE.name]: options.wholeTimeline ? WHOLE_TIMELINE.value : undefined },
      options.actionId ? actionAnchor(options.actionId) : options.anchor,
    ),
  myActions: (options: { notice?: string } = {}) => withExtras(routes.myActions, { klart: options.notice }),
  overview: (options: { notice?: string } = {}) => withExtras(routes.overview, { klart: options.notice }),
  notReported: () => routes.notReported,
  reviews: () => routes.reviews,
  review: (id: string, options: { anchor?: string; notice?: string } = {}) =>
    withExtras(fill(routes.review, { id }), { klart: options.notice }, options.anchor),
  reports: (options: { milestone?: string; newReportId?: string; notice?: string; anchor?: string } = {}) =>
    withExtras(routes.reports, { tillfalle: options.milestone, klart: options.notice, ny: options.newReportId }, options.anchor),
  reportFile: (id: string) => fill(routes.reportFile, { id }),
  reportJob: (id: string) => fill(routes.reportJob, { id }),
  auditLog: () => routes.auditLog,
  units: (options: { notice?: string; all?: boolean } = {}) => withExtras(routes.units, { klart: options.notice, alla: options.all ? 'ja' : undefined }),
  unit: (id: string, options: { notice?: string; anchor?: string } = {}) => withExtras(fill(routes.unit, { id }), { klart: options.notice }, options.anchor),
  users: (options: { notice?: string; after?: string } = {}) => withExtras(routes.users, { klart: options.notice, efter: options.after }),
  user: (id: string, options: { notice?: string; anchor?: string } = {}) => withExtras(fill(routes.user, { id }), { klart: options.notice }, options.anchor),
  search: (q?: string, after?: string) => withExtras(routes.search, { q, efter: after }),
  attachment: (recommendationId: string, fileId: string) => fill(routes.attachment, { id: recommendationId, fileId }),
};

/**
 * A page's address for a mail: under PUBLIC_BASE_URL, which may carry a path
 * of its own (`https://intranat.stad.se/uppfoljning`), so the page's path is
 * appended to it rather than resolved against it.
 */
export const absoluteUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}${path}`;

/**
 * The paths the API's global prefix must leave alone: each top-level part of
 * a page's path, and everything under it where a page has subpaths (in the
 * `{*rest}` wildcard syntax of Nest's route exclusion).
 */
export function webRouteExclusions(): string[] {
  const sections = new Map<string, boolean>();
  for (const pattern of Object.values(routes)) {
    const [first, ...rest] = pattern.slice(1).split('/');
    sections.set(first, (sections.get(first) ?? false) || rest.length > 0);
  }
  return [...sections].flatMap(([section, deeper]) => {
    if (section === '') return ['/'];
    return deeper ? [section, `${section}/{*rest}`] : [section];
  });
}
