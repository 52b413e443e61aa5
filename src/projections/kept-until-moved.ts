import type { Sql } from '../event-store/sql';
import { LruCache } from '../kernel/lru-cache';

/**
 * Answers read from a read model's rows, each kept with the read model's checkpoint it was read
 * at and given again while the checkpoint is where it was. Every change to the rows is written in
 * the transaction that moves the checkpoint (projector.ts), and the checkpoint is read in the same
 * snapshot as the rows would be, so a kept answer is exactly what reading the rows again would give,
 * on any instance: one primary-key read instead of the answer's queries.
 */
export class KeptUntilMoved<V> {
  private readonly kept: LruCache<string, { at: number; value: V }>;

  constructor(
    private readonly readModel: { name: string },
    size: number,
  ) {
    this.kept = new LruCache(size);
  }

  /** The answer under `key` (whatever else it depends on: the day, the filter), read with `read` when the read model has moved since. */
  async get(sql: Sql, key: string, read: () => Promise<V>): Promise<V> {
    const [checkpoint] = await sql.query<{ position: number | string }>('SELECT position FROM projection_checkpoints WHERE name = ?', [this.readModel.name]);
    const at = Number(checkpoint?.position ?? 0);
    const kept = this.kept.get(key);
    if (kept?.at === at) return kept.value;
    const value = await read();
    this.kept.set(key, { at, value });
    return value;
  }
}
