import { Injectable } from '@nestjs/common';
import { Language, TerritoryScope } from '@ocop/contracts';
import { adminUnits, unitMapOfProvince } from '@ocop/ocop-domain';
import { EntityManager } from 'typeorm';
import { scopeCovers } from './territory';

/** An account a notice can go to. */
export interface Recipient {
  accountId: string;
  displayName: string;
  email: string | null;
  language: Language;
}

interface AccountRow {
  id: string;
  display_name: string;
  email: string | null;
  language: Language;
  scope: TerritoryScope | null;
}

const toRecipient = (r: AccountRow): Recipient => ({
  accountId: r.id,
  displayName: r.display_name,
  email: r.email,
  language: r.language === 'en' ? 'en' : 'vi',
});

const districtOf = (communeCode: string) => adminUnits().commune('bt-2022', communeCode)?.districtCode;

/**
 * Answers "who should hear about this" from the local copy of identity's accounts. Only active accounts: an
 * invited account has not chosen to hear from us yet, a disabled one must not any more. Reads go through the
 * event handler's transaction, so the plan sees one consistent state.
 */
@Injectable()
export class AccountDirectory {
  async producerAccounts(manager: EntityManager, producerId: string): Promise<Recipient[]> {
    const rows: AccountRow[] = await manager.query(
      `SELECT id, display_name, email, language, scope FROM account_views
        WHERE producer_id = $1 AND status = 'active' AND 'producer' = ANY (roles) ORDER BY id`,
      [producerId],
    );
    return rows.map(toRecipient);
  }

  /**
   * Officers whose scope covers the territory. Without a territory (events from before rating sent one) only the
   * province-wide officers are told: they see every dossier.
   */
  async officersCovering(
    manager: EntityManager,
    territory: TerritoryScope | undefined,
  ): Promise<Recipient[]> {
    const rows = await this.officers(manager);
    return rows
      .filter((r) =>
        territory
          ? scopeCovers(r.scope, territory, districtOf)
          : !!r.scope && !r.scope.districtCode && !r.scope.communeCode,
      )
      .map(toRecipient);
  }

  /**
   * Officers whose scope covers a place given under every unit map (a producer's): each officer is judged by the
   * place under the map their scope is written in (Bến Tre 2022 for province 83, Vĩnh Long 2025 for 86). Without
   * places only the province-wide officers are told.
   */
  async officersCoveringPlaces(
    manager: EntityManager,
    places: Record<string, TerritoryScope> | undefined,
  ): Promise<Recipient[]> {
    if (!places) return this.officersCovering(manager, undefined);
    const rows = await this.officers(manager);
    return rows
      .filter((r) => {
        const map = unitMapOfProvince(r.scope?.provinceCode);
        const place = map ? places[map] : undefined;
        return !!place && scopeCovers(r.scope, place, districtOf);
      })
      .map(toRecipient);
  }

  private officers(manager: EntityManager): Promise<AccountRow[]> {
    return manager.query(
      `SELECT id, display_name, email, language, scope FROM account_views
        WHERE status = 'active' AND 'officer' = ANY (roles) AND scope IS NOT NULL ORDER BY id`,
    );
  }

  async byIds(manager: EntityManager, ids: string[]): Promise<Recipient[]> {
    if (!ids.length) return [];
    const rows: AccountRow[] = await manager.query(
      `SELECT id, display_name, email, language, scope FROM account_views
        WHERE id = ANY ($1) AND status = 'active' ORDER BY id`,
      [ids],
    );
    return rows.map(toRecipient);
  }
}
