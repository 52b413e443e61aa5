import type { INestApplication } from '@nestjs/common';
import type { Response } from 'supertest';
import { api } from './test-app';
import { csrfOf } from './web-client';

/** Just enough of a browser for the web pages without one: keeps the cookies the app sets and sends them back. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: INestApplication) {}

  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await api(this.app).get(path).set({ ...headers, Cookie: this.header }));
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await api(this.app).post(path).set({ ...headers, Cookie: this.header }).type('form').send(form));
  }

  /** The form token of the page at `path`, as a browser would submit it. */
  async formToken(path: string): Promise<string> {
    const page = await this.get(path);
    return csrfOf(page.text, `${path} (status ${page.status})`);
  }

  /** Signs in through the sign-in form; the answer is the form's response (303 to the start page, or to `next`, when it worked). */
  async signIn(email: string, password = 'demo-password', next?: string): Promise<Response> {
    const token = await this.formToken('/logga-in');
    return this.post('/logga-in', { email, password, _csrf: token, ...(next ? { next } : {}) });
  }

  private keep(res: Response): Response {
    const setCookie: unknown = res.headers['set-cookie'];
    const lines = Array.isArray(setCookie) ? (setCookie as string[]) : typeof setCookie === 'string' ? [setCookie] : [];
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      // A cookie is cleared by an empty value, Max-Age=0 or an Expires in the past (what res.clearCookie sends).
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]).getTime() < Date.now());
      if (value === '' || expired || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
