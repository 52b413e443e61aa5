import { Module } from '@nestjs/common';
import { ShellWebController } from './shell.web';
import { SignInWebController } from './sign-in/sign-in.web';
import { FormDrafts } from './form-drafts';
import { WebSignIn } from './sign-in/web-sign-in';
import { SignOutWebController } from './sign-out/sign-out.web';
import { UnclaimedPaths, WebExceptionFilter } from './web-exception.filter';
import { WebPages } from './web-pages';
import { WebGuard } from './web.guard';

/**
 * The web UI's shell: the layout and its menu (WebPages), the cookie session,
 * language and form-token gate (WebGuard), error pages (WebExceptionFilter,
 * UnclaimedPaths), its own routes (ShellWebController: the front door, the
 * language switch; signing in and out, on AuthModule's Sessions) and the one
 * dictionary of the pages (i18n.ts, words/: a section per capability). Every capability registers its pages in its own
 * module, which imports this one; the shell imports no capability. The
 * guard's Sessions and RequestLimits come from AuthModule, which is global.
 */
@Module({
  controllers: [ShellWebController, SignInWebController, SignOutWebController],
  providers: [WebPages, WebGuard, WebExceptionFilter, UnclaimedPaths, WebSignIn, FormDrafts],
  // A capability's web controllers render through the pages and fail through the filter; the guard comes with them.
  exports: [WebPages, WebGuard, WebExceptionFilter, WebSignIn, FormDrafts],
})
export class WebModule {}
