export const ROLES = ['officer', 'unit_head', 'secretary', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who causes a change. Comes in with every command and is stored with every event. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  unit: string | null;
}

/** The system itself (seed, reminders) acting without a signed-in user. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'system@uppfoljning.local',
  name: 'Uppföljning',
  role: 'admin',
  unit: null,
};
