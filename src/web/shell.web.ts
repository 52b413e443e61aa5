import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import { paths, routes } from '../kernel/paths';
import { SIGN_IN_PATH, WebPublic, type WebRequest } from './web-context';
import { WebController } from './web-controller.decorator';
import { LANGUAGE_COOKIE, LANGUAGE_COOKIE_SECONDS, parseLanguage, safeLocalPath, setCookie } from './web-session';

/** The shell's own two routes: the front door, and the language switch every page's header posts to. */
@WebController()
export class ShellWebController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @WebPublic()
  @Get(routes.home)
  home(@Req() req: WebRequest, @Res() res: Response, @Query('klart') notice?: string): void {
    const user = req.web!.user;
    if (!user) return res.redirect(303, SIGN_IN_PATH);
    // Officers start from their own work; everyone else from the overview's charts (one click away for officers too).
    // A confirmation on its way (a password changed) is shown there.
    const options = { notice: typeof notice === 'string' ? notice : undefined };
    res.redirect(303, user.role === 'officer' ? paths.myActions(options) : paths.overview(options));
  }

  /** The choice is kept in a cookie, so it holds on every page and after signing in or out. */
  @WebPublic()
  @Post(routes.language)
  language(@Res() res: Response, @Body() body: Record<string, string | undefined>): void {
    const lang = parseLanguage(body.lang);
    if (lang) setCookie(res, LANGUAGE_COOKIE, lang, { secure: this.config.production }, LANGUAGE_COOKIE_SECONDS);
    res.redirect(303, safeLocalPath(body.next, '/'));
  }
}
