import type { Queryable } from '../../lib/db/store.ts';
import { SEED_USERS } from './principals.ts';

/**
 * Registers the seeded natural persons (those with a citizen ID: citizens, the agent, staff) in the
 * identity subgraph's person register. Idempotent: upserts by subject.
 */
export async function loadIdentitySeed(db: Queryable): Promise<number> {
  const persons = SEED_USERS.filter((user) => user.idNumber !== null);
  await db.query(
    `INSERT INTO person (subject, name, id_number, phone, real_name_level)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[])
     ON CONFLICT (subject) DO UPDATE SET name = EXCLUDED.name, id_number = EXCLUDED.id_number,
       phone = EXCLUDED.phone, real_name_level = EXCLUDED.real_name_level`,
    [
      persons.map((p) => p.subject),
      persons.map((p) => p.name),
      persons.map((p) => p.idNumber),
      persons.map((p) => p.phone),
      persons.map((p) => p.realNameLevel),
    ],
  );
  return persons.length;
}
