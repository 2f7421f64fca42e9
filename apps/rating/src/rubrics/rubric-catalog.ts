import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import {
  CsvRow,
  CsvSyntaxError,
  decisionSetByNo,
  parseCsvRows,
  QD1048_SETS,
  readSheets,
  Rubric,
  RubricIssue,
  RubricSet,
  rubricVersionSpec,
  RubricVersionId,
  RubricVersionSpec,
  RUBRIC_VERSIONS,
  sheetReport,
  sheetSetForProduct,
} from '@ocop/ocop-domain';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { RatingProblems, uniqueViolation } from '../common/problems';
import qd1048Csv from './data/ocop-criteria-qd1048-2019.csv';
import qd148Csv from './data/ocop-criteria-qd148-2023.csv';
import { RubricSheet, rubricSheetSummary } from './rubric-sheet.entity';

/** The sheets shipped with the service (data/PROVENANCE.md): the first revision of every sheet. */
const BUNDLED: Record<RubricVersionId, { csv: string; fileName: string }> = {
  'qd148-2023': { csv: qd148Csv, fileName: 'ocop-criteria-qd148-2023.csv' },
  'qd1048-2019': { csv: qd1048Csv, fileName: 'ocop-criteria-qd1048-2019.csv' },
};

export function bundledRubrics(): Rubric[] {
  return RUBRIC_VERSIONS.map((spec) => readSheets(spec, parseCsvRows(BUNDLED[spec.id].csv)));
}

/** A sheet's identity for "same content": the sheet as read, without the file's line numbers. */
export function contentHash(set: RubricSet): string {
  const json = JSON.stringify(set, (key, value) => (key === 'line' ? undefined : value));
  return createHash('sha256').update(json).digest('hex');
}

export type ImportFormat = 'csv' | 'xlsx';

export interface ImportFile {
  format: ImportFormat;
  /** The file's rows, as a spreadsheet numbers them. */
  rows: CsvRow[];
  fileName: string | null;
}

const SEED_LOCK = 0x0c0b5eed;

/**
 * Scoring sheets as versioned data (decision 0031). Every revision is a row of rubric_sheets whose content never
 * changes; one revision per sheet is active; a round pins the revisions active when it opened, a dossier the one
 * it is scored on. The repository's CSVs seed the first revisions at start-up; the province imports corrected
 * sheets (CSV or XLSX), reads their validation report and activates the ones that validate.
 */
@Injectable()
export class RubricCatalog implements OnApplicationBootstrap {
  private readonly logger = new Logger('Rubrics');
  /** Revisions by id: their content never changes, so they are cached for the life of the process. */
  private readonly revisions = new Map<string, RubricSheet>();
  private readonly bundled = bundledRubrics();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seedBundled();
    for (const version of await this.validation()) {
      for (const set of version.sets.filter((s) => s.state === 'unusable' || s.state === 'no-sheet')) {
        this.logger.warn(
          { version: version.version, setCode: set.setCode, errors: set.errors.map((e) => e.messageEn) },
          `Scoring sheet ${version.version} ${set.setCode} is not usable and will not be used`,
        );
      }
    }
  }

  spec(id: string): RubricVersionSpec {
    const spec = rubricVersionSpec(id);
    if (!spec) throw RatingProblems.notFound(`bộ tiêu chí "${id}"`, `Rubric version "${id}"`);
    return spec;
  }

  /**
   * Stores the bundled sheets that are not stored yet (a new release may ship corrected ones). A new bundled
   * revision becomes active unless the province's own import is active, which only the province replaces. Rounds
   * and dossiers from before sheets were versioned get the revisions they were scored on (the bundled ones).
   */
  async seedBundled(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
      const now = this.clock.now();
      for (const rubric of this.bundled) {
        const stored: RubricSheet[] = await manager.find(RubricSheet, {
          where: { decision: rubric.spec.id },
          order: { revision: 'ASC' },
        });
        for (const set of rubric.sets) {
          const hash = contentHash(set);
          const revisions = stored.filter((s) => s.setCode === set.setCode);
          if (revisions.some((s) => s.source === 'bundled' && s.contentSha256 === hash)) continue;
          const active = revisions.find((s) => s.status === 'active');
          const activate = !active || active.source === 'bundled';
          if (active && activate) await this.supersede(manager, active, null, now);
          const sheet = manager.create(RubricSheet, {
            id: randomUUID(),
            decision: rubric.spec.id,
            setCode: set.setCode,
            revision: (revisions[revisions.length - 1]?.revision ?? 0) + 1,
            status: activate ? 'active' : 'draft',
            usable: set.usable,
            provisional: set.provisional,
            source: 'bundled',
            fileName: BUNDLED[rubric.spec.id].fileName,
            fileFormat: 'csv',
            contentSha256: hash,
            sheet: set,
            note: null,
            importedBy: null,
            importedAt: now,
            activatedBy: null,
            activatedAt: activate ? now : null,
          });
          await manager.insert(RubricSheet, sheet);
          await this.event(manager, sheet.id, 'seeded', null, now);
        }
      }
      await manager.query(`
        INSERT INTO round_rubric_sheets (round_id, set_code, sheet_id)
        SELECT r.id, s.set_code, s.id FROM rounds r JOIN rubric_sheets s ON s.decision = r.rubric_version AND s.status = 'active'
         WHERE NOT EXISTS (SELECT 1 FROM round_rubric_sheets p WHERE p.round_id = r.id)`);
      // Dossiers from before: QĐ 148 sets were stored by their number, QĐ 1048 ones by the transcription's id.
      const codes = [
        ...QD1048_SETS.map((s, i) => ['qd1048-2019', i + 1, s.code] as const),
        ...Array.from({ length: 26 }, (_, i) => [
          'qd148-2023',
          i + 1,
          decisionSetByNo('qd148-2023', i + 1)?.code,
        ]),
      ];
      await manager.query(
        `UPDATE dossiers d SET rubric_set_code = c.code, rubric_sheet_id = p.sheet_id
           FROM jsonb_to_recordset($1::jsonb) AS c(decision text, no int, code text)
           JOIN round_rubric_sheets p ON p.set_code = c.code
          WHERE d.rubric_sheet_id IS NULL AND d.rubric_version = c.decision AND d.rubric_set_no = c.no
            AND p.round_id = d.round_id`,
        [JSON.stringify(codes.map(([decision, no, code]) => ({ decision, no, code })))],
      );
    });
  }

  private async supersede(manager: EntityManager, sheet: RubricSheet, actor: string | null, at: Date) {
    await manager.update(RubricSheet, { id: sheet.id }, { status: 'superseded' });
    await this.event(manager, sheet.id, 'superseded', actor, at);
  }

  private async event(
    manager: EntityManager,
    sheetId: string,
    action: 'seeded' | 'imported' | 'activated' | 'superseded',
    actor: string | null,
    at: Date,
  ) {
    await manager.query(
      `INSERT INTO rubric_sheet_events (sheet_id, action, actor_id, at) VALUES ($1, $2, $3, $4)`,
      [sheetId, action, actor, at],
    );
  }

  /** A revision, usable or not (reports, pinned history). */
  async revision(sheetId: string, manager: EntityManager = this.dataSource.manager): Promise<RubricSheet> {
    const cached = this.revisions.get(sheetId);
    if (cached) return cached;
    const sheet = await manager.findOneBy(RubricSheet, { id: sheetId });
    if (!sheet) throw RatingProblems.notFound('phiếu đánh giá', 'Scoring sheet');
    // Only the content is cached: status is read fresh where it matters.
    this.revisions.set(sheetId, sheet);
    return sheet;
  }

  /** A revision to score with: one that does not add up is refused, never used. */
  async usableRevision(sheetId: string, manager?: EntityManager): Promise<RubricSet> {
    const { sheet, decision } = await this.revision(sheetId, manager);
    if (!sheet.usable) throw unusable(decision, sheet);
    return sheet;
  }

  /** What a new round pins: the sheets active now. */
  async pinRound(manager: EntityManager, roundId: string, decision: RubricVersionId): Promise<void> {
    await manager.query(
      `INSERT INTO round_rubric_sheets (round_id, set_code, sheet_id)
       SELECT $1, set_code, id FROM rubric_sheets WHERE decision = $2 AND status = 'active'`,
      [roundId, decision],
    );
  }

  /**
   * The sheet a product is scored on in a round: its QĐ 148 set mapped to the round's decision (the applicant
   * picks where the mapping offers several), the round's pinned revision of that sheet, and the case when the
   * sheet offers alternatives.
   */
  async sheetForProduct(
    manager: EntityManager,
    round: { id: string; rubricVersion: RubricVersionId },
    productSetNo: number,
    choice: { setCode?: string; caseCode?: string },
  ): Promise<{ sheetId: string; set: RubricSet; caseCode: string | null }> {
    const spec = this.spec(round.rubricVersion);
    const match = sheetSetForProduct(round.rubricVersion, productSetNo, choice.setCode);
    const productSet = decisionSetByNo('qd148-2023', productSetNo);
    const named = productSet ? `${productSet.no}. ${productSet.nameVi}` : String(productSetNo);
    if (match.kind === 'none') {
      throw RatingProblems.unprocessable(
        'product-set-unmappable',
        `Bộ sản phẩm "${named}" (QĐ 148) không có phiếu đánh giá tương ứng trong ${spec.legalBasis}`,
        `Product set "${named}" (QĐ 148) has no matching scoring sheet under ${spec.legalBasis}`,
        {
          version: spec.id,
          productSet: { no: productSetNo, code: productSet?.code, name: productSet?.nameVi },
        },
      );
    }
    if (match.kind === 'choose') {
      throw RatingProblems.unprocessable(
        'rubric-set-choice-required',
        `Bộ sản phẩm "${named}" ứng với nhiều phiếu của ${spec.legalBasis}: chọn một trong rubricSetCode`,
        `Product set "${named}" matches several sheets of ${spec.legalBasis}: name one as rubricSetCode`,
        {
          version: spec.id,
          productSet: { no: productSetNo, code: productSet?.code, name: productSet?.nameVi },
          candidates: match.candidates.map((s) => ({ setCode: s.code, name: s.nameVi })),
        },
      );
    }
    const [pin]: { sheet_id: string }[] = await manager.query(
      `SELECT sheet_id FROM round_rubric_sheets WHERE round_id = $1 AND set_code = $2`,
      [round.id, match.set.code],
    );
    if (!pin) {
      throw RatingProblems.unprocessable(
        'rubric-set-unusable',
        `Bộ "${match.set.nameVi}" (${spec.legalBasis}) không có phiếu đánh giá; xem GET /rubrics/validation`,
        `Set "${match.set.nameVi}" (${spec.legalBasis}) has no scoring sheet; see GET /rubrics/validation`,
        {
          version: spec.id,
          setCode: match.set.code,
          ...(match.set.no !== undefined ? { setNo: match.set.no } : {}),
          name: match.set.nameVi,
          issues: this.bundled
            .find((r) => r.spec.id === spec.id)
            ?.issues.filter((i) => i.setCode === match.set.code),
        },
      );
    }
    const set = await this.usableRevision(pin.sheet_id, manager);
    const caseCode = choice.caseCode ?? null;
    if (set.cases.length ? !set.cases.some((c) => c.code === caseCode) : caseCode !== null) {
      throw RatingProblems.unprocessable(
        set.cases.length ? 'rubric-case-required' : 'rubric-case-not-offered',
        set.cases.length
          ? `Phiếu "${set.name}" có các trường hợp ${set.cases.map((c) => `${c.code} (${c.title})`).join(', ')}: chọn một trong rubricCase`
          : `Phiếu "${set.name}" không có trường hợp nào để chọn`,
        set.cases.length
          ? `The sheet "${set.name}" offers cases ${set.cases.map((c) => `${c.code} (${c.title})`).join(', ')}: name one as rubricCase`
          : `The sheet "${set.name}" offers no cases`,
        { setCode: set.setCode, cases: set.cases },
      );
    }
    return { sheetId: pin.sheet_id, set, caseCode };
  }

  /**
   * Imports a file of one or more sheets of a decision: each becomes a new draft revision with its validation
   * report. A file that cannot be read, or names a set the decision does not have, is refused whole.
   */
  async import(
    actor: Actor,
    decision: string,
    file: ImportFile,
    note: string | null,
  ): Promise<{ sheets: ReturnType<typeof importedView>[]; fileIssues: RubricIssue[] }> {
    const spec = this.spec(decision);
    let rubric: Rubric;
    try {
      rubric = readSheets(spec, file.rows);
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      throw RatingProblems.unprocessable(
        'rubric-import-unreadable',
        `Không đọc được tệp: dòng ${err.line}: ${err.message}`,
        `The file cannot be read: ${err.message}`,
        { line: err.line },
      );
    }
    const fileIssues = rubric.issues.filter((i) => i.code !== 'set-missing');
    if (!rubric.sets.length || fileIssues.some((i) => i.severity === 'error')) {
      throw RatingProblems.unprocessable(
        'rubric-import-invalid',
        'Tệp không có phiếu nào của quyết định này, hoặc nêu bộ sản phẩm không có trong quyết định; không lưu gì',
        'The file holds no sheet of this decision, or names a set the decision does not have; nothing was stored',
        { issues: fileIssues },
      );
    }
    const now = this.clock.now();
    const stored = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
      const sheets: RubricSheet[] = [];
      for (const set of rubric.sets) {
        const [{ last }]: { last: number | null }[] = await manager.query(
          `SELECT max(revision) AS last FROM rubric_sheets WHERE decision = $1 AND set_code = $2`,
          [spec.id, set.setCode],
        );
        const sheet = manager.create(RubricSheet, {
          id: randomUUID(),
          decision: spec.id,
          setCode: set.setCode,
          revision: (last ?? 0) + 1,
          status: 'draft',
          usable: set.usable,
          provisional: set.provisional,
          source: 'import',
          fileName: file.fileName,
          fileFormat: file.format,
          contentSha256: contentHash(set),
          sheet: set,
          note,
          importedBy: actor.accountId,
          importedAt: now,
          activatedBy: null,
          activatedAt: null,
        });
        await manager.insert(RubricSheet, sheet);
        await this.event(manager, sheet.id, 'imported', actor.accountId, now);
        sheets.push(sheet);
      }
      return sheets;
    });
    return {
      sheets: stored.map((s) =>
        importedView(
          s,
          rubric.issues.filter((i) => i.setCode === s.setCode && i.code !== 'set-missing'),
        ),
      ),
      fileIssues,
    };
  }

  /**
   * Makes a revision the one new rounds pin. Only a sheet that validates may become active; open rounds keep the
   * revisions they pinned. Activating an older revision is how a mistaken activation is undone.
   */
  async activate(actor: Actor, sheetId: string) {
    const now = this.clock.now();
    const sheet = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
      const sheet = await manager.findOneBy(RubricSheet, { id: sheetId });
      if (!sheet) throw RatingProblems.notFound('phiếu đánh giá', 'Scoring sheet');
      if (!sheet.usable) {
        throw RatingProblems.unprocessable(
          'rubric-sheet-unusable',
          `Phiếu "${sheet.sheet.name}" lần ${sheet.revision} không hợp lệ nên không kích hoạt được`,
          `Revision ${sheet.revision} of "${sheet.sheet.name}" does not validate and cannot be activated`,
          { sheetId, errors: sheet.sheet.issues.filter((i) => i.severity === 'error') },
        );
      }
      if (sheet.status === 'active') return sheet;
      const active = await manager.findOneBy(RubricSheet, {
        decision: sheet.decision,
        setCode: sheet.setCode,
        status: 'active',
      });
      if (active) await this.supersede(manager, active, actor.accountId, now);
      try {
        await manager.update(
          RubricSheet,
          { id: sheet.id },
          { status: 'active', activatedBy: actor.accountId, activatedAt: now },
        );
      } catch (err) {
        if (uniqueViolation(err) === 'rubric_sheets_one_active') {
          throw RatingProblems.conflict(
            'rubric-sheet-activation-conflict',
            'Một phiếu khác vừa được kích hoạt; thử lại',
            'Another revision was activated meanwhile; try again',
          );
        }
        throw err;
      }
      await this.event(manager, sheet.id, 'activated', actor.accountId, now);
      return { ...sheet, status: 'active' as const, activatedBy: actor.accountId, activatedAt: now };
    });
    return rubricSheetSummary(sheet);
  }

  /** Every revision of a sheet, newest first, with what happened to each and who did it. */
  async history(decision: string, setRef: string) {
    const spec = this.spec(decision);
    const setCode = this.setCode(spec, setRef);
    const sheets = await this.dataSource.getRepository(RubricSheet).find({
      where: { decision: spec.id, setCode },
      order: { revision: 'DESC' },
    });
    const events: { sheet_id: string; action: string; actor_id: string | null; at: Date }[] =
      await this.dataSource.query(
        `SELECT e.sheet_id, e.action, e.actor_id, e.at FROM rubric_sheet_events e
           JOIN rubric_sheets s ON s.id = e.sheet_id WHERE s.decision = $1 AND s.set_code = $2 ORDER BY e.id`,
        [spec.id, setCode],
      );
    return {
      version: spec.id,
      setCode,
      revisions: sheets.map((s) => ({
        ...rubricSheetSummary(s),
        events: events
          .filter((e) => e.sheet_id === s.id)
          .map((e) => ({ action: e.action, actorId: e.actor_id, at: e.at.toISOString() })),
      })),
    };
  }

  private setCode(spec: RubricVersionSpec, setRef: string): string {
    const set = /^\d{1,2}$/.test(setRef)
      ? spec.sets.find((s) => s.no === Number(setRef))
      : spec.sets.find((s) => s.code === setRef);
    if (!set) throw RatingProblems.notFound(`bộ sản phẩm "${setRef}"`, `Product set "${setRef}"`);
    return set.code;
  }

  /** The active sheet of a set (by code, or by the decision's own number where it has one). */
  async activeSet(decision: string, setRef: string) {
    const spec = this.spec(decision);
    const setCode = this.setCode(spec, setRef);
    const sheet = await this.dataSource
      .getRepository(RubricSheet)
      .findOneBy({ decision: spec.id, setCode, status: 'active' });
    if (!sheet)
      throw RatingProblems.notFound(`phiếu đánh giá bộ "${setRef}"`, `Scoring sheet of set "${setRef}"`);
    return { ...sheet.sheet, sheetId: sheet.id, revision: sheet.revision, source: sheet.source };
  }

  async revisionView(sheetId: string) {
    const sheet = await this.revision(sheetId);
    const fresh = await this.dataSource.getRepository(RubricSheet).findOneByOrFail({ id: sheetId });
    // Public: the sheet and its state, not which accounts handled it (GET …/history, for officers).
    const { importedBy: _i, activatedBy: _a, ...summary } = rubricSheetSummary(fresh);
    return { ...summary, sheet: sheet.sheet, report: sheetReport(sheet.sheet) };
  }

  /** Every sheet of every decision: the active revision's state, and drafts waiting for activation. */
  async validation() {
    // Public and unauthenticated: read the statuses only; contents are immutable and come from the cache.
    const sheets = await this.dataSource.getRepository(RubricSheet).find({
      select: ['id', 'decision', 'setCode', 'revision', 'status', 'usable', 'provisional', 'source'],
      order: { revision: 'ASC' },
    });
    const active = sheets.filter((s) => s.status === 'active');
    const missing = active.filter((s) => !this.revisions.has(s.id)).map((s) => s.id);
    if (missing.length) {
      for (const sheet of await this.dataSource.getRepository(RubricSheet).findBy({ id: In(missing) })) {
        this.revisions.set(sheet.id, sheet);
      }
    }
    for (const sheet of active) sheet.sheet = (this.revisions.get(sheet.id) as RubricSheet).sheet;
    return RUBRIC_VERSIONS.map((spec) => {
      const bundled = this.bundled.find((r) => r.spec.id === spec.id);
      const sets = spec.sets.map((set) => {
        const revisions = sheets.filter((s) => s.decision === spec.id && s.setCode === set.code);
        const active = revisions.find((s) => s.status === 'active');
        const drafts = revisions
          .filter((s) => s.status === 'draft')
          .map((s) => ({ sheetId: s.id, revision: s.revision, usable: s.usable, source: s.source }));
        const base = {
          setCode: set.code,
          ...(set.no !== undefined ? { setNo: set.no } : {}),
          name: set.nameVi,
        };
        if (!active) {
          const errors =
            bundled?.issues.filter((i) => i.setCode === set.code && i.severity === 'error') ?? [];
          return { ...base, state: 'no-sheet' as const, usable: false, errors, warnings: [], drafts };
        }
        const report = sheetReport(active.sheet);
        return {
          ...base,
          state: !active.usable
            ? ('unusable' as const)
            : active.provisional
              ? ('provisional' as const)
              : ('usable' as const),
          usable: active.usable,
          active: { sheetId: active.id, revision: active.revision, source: active.source },
          totals: report.totals,
          cases: report.cases,
          unverified: report.unverified,
          errors: report.errors,
          warnings: report.warnings,
          drafts,
        };
      });
      return {
        version: spec.id,
        legalBasis: spec.legalBasis,
        usableSets: sets.filter((s) => s.usable).map((s) => s.setCode),
        provisionalSets: sets.filter((s) => s.state === 'provisional').map((s) => s.setCode),
        unusableSets: sets.filter((s) => !s.usable).map((s) => s.setCode),
        sets,
      };
    });
  }
}

function unusable(decision: RubricVersionId, set: RubricSet) {
  return RatingProblems.unprocessable(
    'rubric-set-unusable',
    `Phiếu đánh giá bộ "${set.name}" (${decision}) không cộng đúng điểm và không được dùng để chấm; xem GET /rubrics/validation`,
    `The scoring sheet of set "${set.name}" (${decision}) does not add up and cannot be used; see GET /rubrics/validation`,
    {
      version: decision,
      setCode: set.setCode,
      ...(set.setNo !== undefined ? { setNo: set.setNo } : {}),
      name: set.name,
      issues: set.issues.filter((i) => i.severity === 'error'),
    },
  );
}

function importedView(sheet: RubricSheet, fileIssues: RubricIssue[]) {
  return { ...rubricSheetSummary(sheet), report: sheetReport(sheet.sheet, fileIssues) };
}
