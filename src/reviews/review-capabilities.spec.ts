import type { Actor } from '../kernel/actor';
import { reviewCapabilities } from './review-capabilities';

const actor = (role: Actor['role'], unit: string | null = null): Actor => ({ id: role, email: `${role}@demo.local`, name: role, role, unit });

describe('which review forms the UI offers, as the domain decides them', () => {
  it('offers a secretary registering and an officer nothing', () => {
    expect(reviewCapabilities(null, actor('secretary'))).toEqual({ register: true, recordDecision: false, registerRecommendation: true });
    expect(reviewCapabilities(null, actor('officer', 'sfi'))).toEqual({ register: false, recordDecision: false, registerRecommendation: false });
  });
});
