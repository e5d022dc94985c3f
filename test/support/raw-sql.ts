import { DataSource } from 'typeorm';

/** Runs SQL written with `?` placeholders on either database, as someone with a database shell would. */
export function rawSql(dataSource: DataSource, text: string, params: unknown[] = []): Promise<unknown> {
  if (dataSource.options.type !== 'postgres') return dataSource.query(text, params);
  let n = 0;
  return dataSource.query(text.replace(/\?/g, () => `$${++n}`), params);
}
