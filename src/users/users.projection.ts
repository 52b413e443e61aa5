import type { StateProjection } from '../projections/projection';
import { evolveUser, USER_STREAM_PREFIX, type UserState } from './domain/user';

/**
 * The users table, which sign-in, the session check and every reader of a
 * user read: one row per user, written only from the users' events. The
 * passwords are not in it (user_credentials, never rebuilt), so a rebuild
 * empties and refills it without anyone losing their password.
 */
export const usersProjection: StateProjection<UserState> = {
  name: 'users',
  table: 'users',
  streamPrefix: USER_STREAM_PREFIX,
  evolve: evolveUser as StateProjection<UserState>['evolve'],
  row: (s) => ({
    id: s.id,
    email: s.email,
    name: s.name,
    role: s.role,
    unit: s.unit,
    language: s.language,
    deactivated_at: s.deactivatedAt,
    created_at: s.createdAt,
    state: JSON.stringify(s),
  }),
};
