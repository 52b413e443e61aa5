import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

export interface WebPage {
  status: number;
  /** Where a redirect points, if it is one. */
  location: string | null;
  html: string;
  /** The Set-Cookie lines of the answer. */
  setCookies: string[];
  /** Every header of the answer, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
}

const pageOf = (res: request.Response): WebPage => ({
  status: res.status,
  location: res.headers.location ?? null,
  html: res.text,
  setCookies: ([] as string[]).concat((res.headers['set-cookie'] as unknown as string[] | string | undefined) ?? []),
  headers: res.headers as Record<string, string | string[] | undefined>,
});

/** The form token of a page: every form carries it in a hidden field. `page` names the page in the error. */
export const csrfOf = (html: string, page = 'The page'): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`${page} has no form token`);
  return token;
};

/**
 * The web UI over plain HTTP, as a browser without JavaScript uses it: a
 * cookie jar, forms posted with the page's own CSRF token, redirects not
 * followed so a test sees where they point. For tests that need the session
 * cookie but not a rendering engine.
 */
export class WebClient {
  /** Where signing in sent the browser. */
  landedOn: string | null = null;

  private constructor(private readonly agent: ReturnType<typeof request.agent>) {}

  /** A browser nobody has signed in on. */
  static visitor(app: INestApplication): WebClient {
    return new WebClient(request.agent(app.getHttpServer()));
  }

  /**
   * Signs in through the sign-in form and keeps the session cookie it sets.
   * `next` is the page the form was opened for (`/logga-in?next=…`).
   */
  static async signIn(app: INestApplication, email: string, options: { password?: string; next?: string } = {}): Promise<WebClient> {
    const client = new WebClient(request.agent(app.getHttpServer()));
    const form = options.next ? `/logga-in?next=${encodeURIComponent(options.next)}` : '/logga-in';
    const fields = { email, password: options.password ?? 'demo-password', ...(options.next ? { next: options.next } : {}) };
    const signedIn = await client.post('/logga-in', fields, form);
    if (signedIn.status !== 303) throw new Error(`Signing in as ${email} gave ${signedIn.status}, not a redirect`);
    client.landedOn = signedIn.location;
    return client;
  }

  /** The page a browser would end on: `path`, and the redirects from it followed. */
  async open(path: string): Promise<WebPage> {
    let page = await this.get(path);
    for (let hops = 0; page.status >= 300 && page.status < 400 && page.location && hops < 5; hops += 1) page = await this.get(page.location);
    return page;
  }

  async get(path: string): Promise<WebPage> {
    const res = await this.agent.get(path).redirects(0);
    return pageOf(res);
  }

  /** Posts a form as the page at `formPage` would, with that page's form token. */
  async post(path: string, fields: Record<string, string>, formPage: string): Promise<WebPage> {
    const page = await this.get(formPage);
    const res = await this.agent
      .post(path)
      .type('form')
      .send({ ...fields, _csrf: csrfOf(page.html) })
      .redirects(0);
    return pageOf(res);
  }

  /**
   * Posts what no browser sends for the form at `formPage` (a field twice, a multipart field named
   * `a[b]`): `send` builds the request with that page's form token.
   */
  async postByHand(path: string, formPage: string, send: (req: request.Test, csrf: string) => request.Test): Promise<WebPage> {
    const page = await this.get(formPage);
    const res = await send(this.agent.post(path).redirects(0), csrfOf(page.html));
    return pageOf(res);
  }
}
