import { unitName, type UnitNames } from '../web/unit-names';
import { roleName, type Dictionary } from '../web/i18n';
import { USER_EVENT_TYPES, type UserEvent } from './domain/user';

export const isUserEvent = (e: { type: string }): e is UserEvent => (USER_EVENT_TYPES as readonly string[]).includes(e.type);

/**
 * A user event in plain words, for the event log and the user's page: "Gav
 * Olle Officer rollen avdelningschef." The user is named as the events
 * before it name them (`names`, user id → name), else by their address,
 * which every user event carries. One sentence per change, in one line.
 */
export function describeUserEvent(e: UserEvent, t: Dictionary, names: ReadonlyMap<string, string>, units: UnitNames): string {
  const w = t.userEvents;
  if (e.type === 'UserCreated') {
    const d = e.data;
    const role = roleName(t, d.role);
    const said = d.unit ? w.createdIn(d.name, d.email, role, unitName(units, d.unit)) : w.created(d.name, d.email, role);
    const source = w.source[d.source] ?? '';
    return source ? `${said.replace(/\.$/, '')}${source}.` : said;
  }
  const d = e.data;
  const who = names.get(d.userId) ?? d.email;
  switch (e.type) {
    case 'UserChanged': {
      const parts: string[] = [];
      if (e.data.name !== undefined) parts.push(w.renamed(d.email, e.data.name));
      if (e.data.role !== undefined) parts.push(w.role(who, roleName(t, e.data.role)));
      if (e.data.unit !== undefined) parts.push(e.data.unit === null ? w.noUnit(who) : w.unit(who, unitName(units, e.data.unit)));
      if (e.data.language !== undefined) parts.push(w.language(who, w.languages[e.data.language] ?? e.data.language));
      return parts.join(' ');
    }
    case 'UserDeactivated':
      return w.deactivated(who);
    case 'UserReactivated':
      return w.reactivated(who);
  }
}

/** The users' sentences as the timeline takes them (MoreSentences): the event log and the user's page hand them in. */
export const userSentences =
  (t: Dictionary, units: UnitNames) =>
  (e: { type: string }, names: ReadonlyMap<string, string>): string | null =>
    isUserEvent(e) ? describeUserEvent(e, t, names, units) : null;
