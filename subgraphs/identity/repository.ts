import type { Queryable } from '../../lib/db/store.ts';
import type { PersonModel } from './models.ts';

export type PersonRecord = Omit<PersonModel, 'masked'>;

export class IdentityRepository {
  constructor(private readonly db: Queryable) {}

  async personByIdNumber(idNumber: string): Promise<PersonRecord | null> {
    const { rows } = await this.db.query<{ subject: string; name: string; id_number: string; phone: string | null; real_name_level: number | null }>(
      'SELECT subject, name, id_number, phone, real_name_level FROM person WHERE id_number = $1',
      [idNumber],
    );
    const row = rows[0];
    return row ? { subject: row.subject, name: row.name, idNumber: row.id_number, phone: row.phone, realNameLevel: row.real_name_level } : null;
  }
}
