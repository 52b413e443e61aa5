import { absoluteUrl, fill, paths, routes, webRouteExclusions } from './paths';

describe('the paths of the web pages', () => {
  it('a recommendation is under /rekommendationer, with an action as its anchor', () => {
    expect(paths.recommendation('r2')).toBe('/rekommendationer/r2');
    expect(paths.recommendation('r2', { actionId: 'a1' })).toBe('/rekommendationer/r2#action-a1');
    expect(paths.recommendation('r2', { notice: 'actionAdded', anchor: 'actions' })).toBe('/rekommendationer/r2?klart=actionAdded#actions');
    expect(paths.recommendation('r2', { asOf: '2012-04-30' })).toBe('/rekommendationer/r2?asOf=2012-04-30');
  });

  it('the other pages a link may point at', () => {
    expect([paths.home(), paths.publicPage(), paths.recommendations(), paths.myActions(), paths.notReported(), paths.reviews(), paths.auditLog()]).toEqual([
      '/',
      '/oppet',
      '/rekommendationer',
      '/mina-atgarder',
      '/ej-rapporterat',
      '/granskningar',
      '/logg',
    ]);
    expect(paths.signIn()).toBe('/logga-in');
    expect(paths.signIn('/rekommendationer/r2')).toBe('/logga-in?next=%2Frekommendationer%2Fr2');
    expect(paths.review('v1', { notice: 'reviewDecisionRecorded', anchor: 'decisions' })).toBe('/granskningar/v1?klart=reviewDecisionRecorded#decisions');
    expect(paths.reports({ notice: 'reportGenerated', newReportId: 'x', anchor: 'report-x' })).toBe('/rapporter?klart=reportGenerated&ny=x#report-x');
    expect(paths.reports({ milestone: 'vp2012:T1' })).toBe('/rapporter?tillfalle=vp2012%3AT1');
    expect(paths.reportFile('x')).toBe('/rapporter/x/fil');
  });

  it('a parameter is one path segment whatever it holds, and a missing one is a programming error', () => {
    expect(fill(routes.recommendation, { id: '../logg?x=1' })).toBe('/rekommendationer/..%2Flogg%3Fx%3D1');
    expect(() => fill(routes.reportProgress, { id: 'r2' })).toThrow('The path /rekommendationer/:id/atgarder/:actionId/framsteg needs actionId');
  });

  it('absolute addresses keep the path of the base address and drop its trailing slashes', () => {
    expect(absoluteUrl('http://localhost:3000', '/ej-rapporterat')).toBe('http://localhost:3000/ej-rapporterat');
    expect(absoluteUrl('https://intranat.stad.se/uppfoljning//', '/rekommendationer/r2')).toBe('https://intranat.stad.se/uppfoljning/rekommendationer/r2');
  });

  it("the API's prefix leaves every page's section alone, and everything below the sections that have subpages", () => {
    expect(webRouteExclusions().sort()).toEqual(
      [
        '/',
        'logga-in',
        'logga-ut',
        'losenord',
        'losenord/{*rest}',
        'sprak',
        'oppet',
        'rekommendationer',
        'rekommendationer/{*rest}',
        'mina-atgarder',
        'granskningar',
        'granskningar/{*rest}',
        'ej-rapporterat',
        'rapporter',
        'rapporter/{*rest}',
        'logg',
        'logg/{*rest}',
        'anvandare',
        'anvandare/{*rest}',
        'enheter',
        'enheter/{*rest}',
        'sok',
        'oversikt',
        'export',
        'export/{*rest}',
      ].sort(),
    );
  });
});
