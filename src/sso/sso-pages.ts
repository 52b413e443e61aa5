import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AppConfig } from '../kernel/config';
import { APP_CONFIG } from '../kernel/kernel.module';
import type { WebRequest } from '../web/web-context';
import { WebPages } from '../web/web-pages';

/** Why a single sign-on did not let someone in; each has its words (t.sso.reasons) and its status. */
export const REFUSALS = {
  noRole: { status: 403, explanation: 'noRoleDetail', askAdmin: true },
  deactivated: { status: 403, explanation: 'deactivatedDetail', askAdmin: true },
  noEmail: { status: 403, explanation: 'noEmailDetail', askAdmin: true },
  notAccepted: { status: 403, explanation: null, askAdmin: true },
  cancelled: { status: 403, explanation: 'cancelledDetail', askAdmin: false },
  providerError: { status: 400, explanation: null, askAdmin: false },
  expired: { status: 400, explanation: 'expiredDetail', askAdmin: false },
  notVerified: { status: 400, explanation: 'notVerifiedDetail', askAdmin: false },
  unavailable: { status: 503, explanation: 'unavailableDetail', askAdmin: false },
} as const;

export type Refusal = keyof typeof REFUSALS;

/**
 * The page a refused single sign-on ends on: what happened in the user's
 * language, whom to ask when it is a matter of access (OIDC_ACCESS_CONTACT,
 * or the administrator), and the system's own explanation underneath. Never
 * a bare error: a provider's refusal or a broken answer is the user's
 * problem to understand, not an error of ours.
 */
@Injectable()
export class SsoPages {
  constructor(
    private readonly pages: WebPages,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  refuse(req: WebRequest, res: Response, why: Refusal, extra: { email?: string; groups?: string[]; detail?: string | null } = {}): void {
    const { t } = req.web!;
    const { status, explanation, askAdmin } = REFUSALS[why];
    this.pages.render(
      req,
      res,
      'sso/sign-in-refused.eta',
      t.sso.refusedTitle,
      {
        reason: t.sso.reasons[why],
        explanation: explanation ? t.sso.reasons[explanation] : null,
        email: extra.email ?? null,
        groups: extra.groups ?? null,
        detail: extra.detail ?? null,
        askAdmin,
        contact: this.config.oidc?.accessContact ?? null,
      },
      status,
    );
  }
}
