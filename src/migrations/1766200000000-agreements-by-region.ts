import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every inbox read asks how many publications of its industry bind in the worker's region and
 * the latest time (inbox.service.ts): with (industry, region, published_at) that is answered
 * from the index alone, instead of visiting a thousand agreement rows with their terms.
 */
export class AgreementsByRegion1766200000000 implements MigrationInterface {
  name = 'AgreementsByRegion1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX agreements_industry_region_published ON agreements (industry, region, published_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX agreements_industry_region_published');
  }
}
