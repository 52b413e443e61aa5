import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Database } from '../../event-store/database';

export interface OwnerChoice {
  email: string;
  name: string;
}

/**
 * Who may own an action of these units: their active users, by name, as the
 * owner's select offers them. Read from the users read model directly: GET
 * /users is for admins, secretaries and auditors, and an officer choosing a
 * colleague needs only names and addresses, which the rule (an active user of
 * the unit) checks again on the write.
 */
export class UnitOwnersQuery extends Query<Record<string, OwnerChoice[]>> {
  constructor(readonly units: string[]) {
    super();
  }
}

@QueryHandler(UnitOwnersQuery)
export class UnitOwnersHandler implements IQueryHandler<UnitOwnersQuery> {
  constructor(private readonly db: Database) {}

  async execute({ units }: UnitOwnersQuery): Promise<Record<string, OwnerChoice[]>> {
    const wanted = [...new Set(units)];
    const byUnit: Record<string, OwnerChoice[]> = Object.fromEntries(wanted.map((u) => [u, []]));
    if (wanted.length === 0) return byUnit;
    const rows = await this.db.read((sql) =>
      sql.query<{ email: string; name: string; unit: string }>(
        `SELECT email, name, unit FROM users WHERE deactivated_at IS NULL AND unit IN (${wanted.map(() => '?').join(', ')}) ORDER BY name, email`,
        wanted,
      ),
    );
    for (const r of rows) byUnit[r.unit].push({ email: r.email, name: r.name });
    return byUnit;
  }
}
