import { DataSource } from 'typeorm';
import { rawRows } from '../../src/database/rows';

/** Runs SQL written with `?` placeholders on either database, as someone with a database shell would. */
export function rawSql(dataSource: DataSource, text: string, params: unknown[] = []): Promise<unknown> {
  return rawRows(dataSource.manager, text, params);
}
