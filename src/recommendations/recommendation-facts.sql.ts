import type { Sql } from '../event-store/sql';
import type { FactQuestions, RecommendationFacts } from './domain/recommendation.facts';
import { normalEmail } from '../kernel/email-address';

/**
 * Answers the questions a recommendation command raises from the tables that hold
 * the answers, inside the write transaction the runner holds, so nothing can
 * change between the answer and the append. Asks only what it was asked.
 */
export async function readRecommendationFacts(tx: Sql, asked: FactQuestions): Promise<RecommendationFacts> {
  const facts: RecommendationFacts = {};
  if (asked.unitExists !== undefined) {
    // A retired unit takes no new recommendation or action: to these rules it exists only while active.
    const [known] = await tx.query<{ retired_at: string | null }>('SELECT retired_at FROM units WHERE id = ?', [asked.unitExists]);
    facts.unitExists =
      known && known.retired_at === null
        ? { exists: true }
        : {
            exists: false,
            retired: !!known,
            knownUnits: (await tx.query<{ id: string }>('SELECT id FROM units WHERE retired_at IS NULL ORDER BY id')).map((u) => u.id),
          };
  }
  if (asked.reviewExists !== undefined) {
    facts.reviewExists = (await tx.query('SELECT id FROM rm_reviews WHERE id = ?', [asked.reviewExists])).length > 0;
  }
  if (asked.codeTaken) {
    const { reviewId, code } = asked.codeTaken;
    facts.codeTaken = (await tx.query('SELECT id FROM rm_recommendations WHERE review_id = ? AND code = ?', [reviewId, code])).length > 0;
  }
  if (asked.ownerIsActiveIn) {
    const { email, unit } = asked.ownerIsActiveIn;
    // Users are stored under their address in lower case, and looked up as sign-in does.
    const owner = await tx.query('SELECT id FROM users WHERE email = ? AND unit = ? AND deactivated_at IS NULL', [normalEmail(email), unit]);
    facts.ownerIsActiveIn = owner.length > 0;
  }
  return facts;
}
