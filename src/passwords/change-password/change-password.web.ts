import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '../../kernel/domain-error';
import { paths, routes } from '../../kernel/paths';
import { type FormProblem, type Form } from '../../web/form-problems';
import type { WebRequest } from '../../web/web-context';
import { WebController } from '../../web/web-controller.decorator';
import { WebPages } from '../../web/web-pages';
import { WebSignIn } from '../../web/sign-in/web-sign-in';
import { clientAddress } from '../../auth/auth.guard';
import { AuthService } from '../../auth/auth.service';
import { passwordProblem } from '../../auth/password-policy';
import { TooManyRequests } from '../../auth/request-limits';
import { ChangePassword } from './change-password';
import { PasswordsOn } from '../passwords-on.guard';

/**
 * "Byt lösenord" for the signed-in user: the API's POST /auth/me/password
 * as a form. Changing it ends every session of the user; this browser gets
 * a new one at once, so only the other devices are signed out.
 */
@WebController()
@UseGuards(PasswordsOn)
export class ChangePasswordWebController {
  constructor(
    private readonly passwords: ChangePassword,
    private readonly auth: AuthService,
    private readonly pages: WebPages,
    private readonly signIn: WebSignIn,
  ) {}

  @Get(routes.changePassword)
  page(@Req() req: WebRequest, @Res() res: Response): void {
    this.show(req, res, null);
  }

  @Post(routes.changePassword)
  async change(@Req() req: WebRequest, @Res() res: Response, @Body() body: Form): Promise<void> {
    const { t, lang, user } = req.web!;
    const current = body.currentPassword ?? '';
    const next = body.newPassword ?? '';
    const fields: Record<string, string> = {};
    if (!current) fields.currentPassword = t.errors.required;
    const problem = next ? passwordProblem(next, lang) : t.errors.required;
    if (problem) fields.newPassword = problem;
    else if ((body.repeat ?? '') !== next) fields.repeat = t.passwords.mismatch;
    if (Object.keys(fields).length) return this.show(req, res, this.problem(t.errors.invalidForm, fields, 400));
    try {
      await this.passwords.change(user!, current, next, clientAddress(req), lang);
    } catch (error) {
      if (error instanceof TooManyRequests) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return this.show(req, res, this.problem(t.login.tooManyAttempts, {}, 429));
      }
      if (error instanceof DomainError && error.kind === 'invalid') {
        return this.show(req, res, this.problem(t.errors.invalidForm, { currentPassword: t.passwords.change.wrongCurrent }, 400));
      }
      throw error;
    }
    const session = await this.auth.issue(user!);
    this.signIn.setCookie(res, session);
    res.redirect(303, paths.home({ notice: 'passwordChanged' }));
  }

  private problem(message: string, fields: Record<string, string>, status: number): FormProblem {
    return { form: 'change', message, detail: null, fields, status };
  }

  private show(req: WebRequest, res: Response, problem: FormProblem | null): void {
    this.pages.render(req, res, 'passwords/change-password/change-password.eta', req.web!.t.passwords.change.title, { problem, values: {} }, problem?.status ?? 200);
  }
}
