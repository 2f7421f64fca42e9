import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { ProductCertifiedV1, RatingEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { adminUnits, criteriaOf, formatVietnameseDate, potentialFiveStar } from '@ocop/ocop-domain';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { isAdmin, isOfficer, officerCoversPlaces, scopeMap } from '../common/access';
import { Clock, vietnamDate } from '../common/clock';
import { RatingProblems, uniqueViolation } from '../common/problems';
import { SqlParams } from '../common/sql';
import { RatingConfig } from '../config';
import { Certificate, certificateV1 } from '../certificates/certificate.entity';
import { CertificatesService, mayDecideCertificates } from '../certificates/certificates.service';
import { Dossier } from '../dossiers/dossier.entity';
import { AccountView } from '../read-model/views.entity';
import { Round } from '../rounds/round.entity';
import { RubricCatalog } from '../rubrics/rubric-catalog';
import { Result, Scoresheet } from '../scoring/scoring.entity';
import { CentralProposalQuery, MinistryDecisionDto } from './central.dto';
import { MinistryDecision } from './ministry-decision.entity';
import { renderProposalPdf } from './proposal-pdf';
import { zipArchive } from './zip-archive';

const notFound = () => RatingProblems.notFound('đề xuất cấp trung ương', 'Central proposal');

interface Proposal {
  result: Result;
  dossier: Dossier;
  round: Round;
  decision: MinistryDecision | null;
}

/** A producer's file name as one path segment of the archive: no folders of its own, no "..", whatever was uploaded. */
const entryName = (name: string) => name.replace(/[\\/\p{Cc}]/gu, '_').replace(/^\.+/, '_') || '_';

/**
 * The central level as the province lives it (decision 0033): the province council's results of ≥ 90 points with
 * the 5★ markers met are proposed to the ministry; the province downloads the proposal package (one PDF with the
 * summary and every scoresheet, plus the dossier's evidence, as a ZIP) and, when the ministry decides, records the
 * decision, which issues the 5★ certificate or keeps or replaces the province's.
 */
@Injectable()
export class CentralProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesService,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly config: RatingConfig,
    @Inject(RubricCatalog) private readonly rubrics: RubricCatalog,
  ) {}

  /** Province results proposed to the central level, within the actor's territory, newest first. */
  async list(actor: Actor, query: CentralProposalQuery): Promise<Page<ReturnType<typeof this.view>>> {
    const p = new SqlParams();
    const where = [`r.status = 'approved'`, `r.forwarded_to = 'central'`, `ro.level = 'province'`];
    if (!isAdmin(actor)) {
      const map = scopeMap(actor);
      if (!isOfficer(actor) || !map || !actor.scope) return { items: [] };
      const at = `d.places -> ${p.add(map)}`;
      const { provinceCode, districtCode, communeCode } = actor.scope;
      where.push(`${at} ->> 'provinceCode' = ${p.add(provinceCode)}`);
      if (communeCode) where.push(`${at} ->> 'communeCode' = ${p.add(communeCode)}`);
      else if (districtCode) where.push(`${at} ->> 'districtCode' = ${p.add(districtCode)}`);
    }
    if (query.status === 'decided')
      where.push(`EXISTS (SELECT 1 FROM ministry_decisions m WHERE m.result_id = r.id)`);
    if (query.status === 'awaiting-decision')
      where.push(`NOT EXISTS (SELECT 1 FROM ministry_decisions m WHERE m.result_id = r.id)`);
    if (query.cursor) {
      const c = decodeTimeIdCursor(query.cursor, 'central-proposals');
      where.push(`(r.approved_at, r.id) < (${p.add(c.at)}, ${p.add(c.id)})`);
    }
    const rows: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .from('results', 'r')
      .innerJoin('dossiers', 'd', 'd.id = r.dossier_id')
      .innerJoin('rounds', 'ro', 'ro.id = r.round_id')
      .where(where.join(' AND '), p.values)
      .orderBy('r.approved_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(query.limit + 1)
      .getRawMany();
    const proposals = await this.load(
      this.dataSource.manager,
      rows.map((r) => r.id),
    );
    return toPage(
      proposals,
      query.limit,
      'central-proposals',
      (x) => timeIdKey(x.result.approvedAt ?? x.result.finalisedAt, x.result.id),
      (x) => this.view(x),
    );
  }

  async get(actor: Actor, resultId: string) {
    return this.view(await this.readable(actor, resultId));
  }

  private async load(manager: EntityManager, resultIds: string[]): Promise<Proposal[]> {
    if (!resultIds.length) return [];
    const results = await manager.findBy(Result, { id: In(resultIds) });
    const dossiers = await manager.findBy(Dossier, { id: In(results.map((r) => r.dossierId)) });
    const rounds = await manager.findBy(Round, { id: In(results.map((r) => r.roundId)) });
    const decisions = await manager.findBy(MinistryDecision, { resultId: In(resultIds) });
    return resultIds.map((id) => {
      const result = results.find((r) => r.id === id) as Result;
      return {
        result,
        dossier: dossiers.find((d) => d.id === result.dossierId) as Dossier,
        round: rounds.find((r) => r.id === result.roundId) as Round,
        decision: decisions.find((d) => d.resultId === id) ?? null,
      };
    });
  }

  /** A proposal the actor may see: admins, or officers whose territory covers the producer. */
  private async readable(
    actor: Actor,
    resultId: string,
    manager = this.dataSource.manager,
  ): Promise<Proposal> {
    const [proposal] = await this.load(manager, [resultId]);
    if (
      !proposal?.result ||
      proposal.result.status !== 'approved' ||
      proposal.result.forwardedTo !== 'central' ||
      proposal.round.level !== 'province'
    )
      throw notFound();
    if (!isAdmin(actor) && !officerCoversPlaces(actor, proposal.dossier.places)) throw notFound();
    return proposal;
  }

  private view({ result, dossier, round, decision }: Proposal) {
    return {
      resultId: result.id,
      dossierId: dossier.id,
      roundId: round.id,
      roundName: round.name,
      productId: dossier.productId,
      productName: dossier.productName,
      producerId: dossier.producerId,
      producerName: dossier.producerName,
      average: result.average,
      partAverages: { A: result.partA, B: result.partB, C: result.partC },
      bandStars: result.bandStars,
      markerMaxStars: result.markerMaxStars,
      stars: result.stars,
      // Results forwarded before the markers counted may sit here without being truly potential 5★: the ministry
      // can then only be recorded as awarding 3★ or 4★.
      potentialFiveStar: potentialFiveStar('province', result),
      provinceDecision: result.decisionRef ? { ref: result.decisionRef, date: result.decisionDate } : null,
      ministryDecision: decision
        ? {
            ref: decision.decisionRef,
            date: decision.decisionDate,
            stars: decision.stars,
            certificateId: decision.certificateId,
            note: decision.note,
            recordedBy: decision.recordedBy,
            recordedAt: decision.recordedAt.toISOString(),
          }
        : null,
      package: {
        pdf: `/central-proposals/${result.id}/package.pdf`,
        zip: `/central-proposals/${result.id}/package.zip`,
      },
    };
  }

  /** The package's PDF: summary and every counted scoresheet, and the list of evidence files. */
  async packagePdf(actor: Actor, resultId: string): Promise<{ fileName: string; pdf: Buffer }> {
    const proposal = await this.readable(actor, resultId);
    return { fileName: `de-xuat-5-sao-${proposal.dossier.id}.pdf`, pdf: await this.renderPdf(proposal) };
  }

  /** The whole package as one ZIP: the PDF, then every evidence file of the dossier under its item. */
  async packageZip(actor: Actor, resultId: string): Promise<{ fileName: string; zip: Buffer }> {
    const proposal = await this.readable(actor, resultId);
    const pdf = await this.renderPdf(proposal);
    const files: { item_code: string; file_name: string; content: Buffer }[] = await this.dataSource.query(
      `SELECT a.item_code, a.file_name, c.content FROM dossier_attachments a
         JOIN dossier_attachment_contents c ON c.attachment_id = a.id
        WHERE a.dossier_id = $1 ORDER BY a.item_code, a.uploaded_at, a.id`,
      [proposal.dossier.id],
    );
    const seen = new Map<string, number>();
    const entries = files.map((f) => {
      // Two files of one item may share a name: the archive keeps both.
      const base = `minh-chung/${entryName(f.item_code)}/${entryName(f.file_name)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { name: n === 1 ? base : base.replace(/(\.[^./]+)?$/, ` (${n})$1`), content: f.content };
    });
    return {
      fileName: `de-xuat-5-sao-${proposal.dossier.id}.zip`,
      zip: await zipArchive([{ name: 'de-xuat-5-sao.pdf', content: pdf }, ...entries], this.clock.now()),
    };
  }

  private async renderPdf({ result, dossier, round }: Proposal): Promise<Buffer> {
    const manager = this.dataSource.manager;
    const sheets = await manager.find(Scoresheet, {
      where: { dossierId: dossier.id, revision: result.revision },
      order: { updatedAt: 'ASC' },
    });
    const counted = sheets.filter((s) => !s.excludedFor && s.submittedAt);
    const members = await manager.findBy(AccountView, { id: In(counted.map((s) => s.memberAccountId)) });
    const set = await this.rubrics.usableRevision(dossier.rubricSheetId, manager);
    const criteria = criteriaOf(set, dossier.rubricCase ?? undefined);
    const evidence: { item_code: string; file_name: string; size_bytes: number }[] = await manager.query(
      `SELECT item_code, file_name, size_bytes FROM dossier_attachments WHERE dossier_id = $1
        ORDER BY item_code, uploaded_at, id`,
      [dossier.id],
    );
    const [certificate] = await manager.find(Certificate, { where: { resultId: result.id } });
    // The proposing province is the one of the map in force when it decided (Vĩnh Long for Bến Tre after 1/7/2025).
    const map = adminUnits().mapOn(result.decisionDate ?? vietnamDate(this.clock.now()));
    return renderProposalPdf({
      province: (this.config.PROVINCE_ISSUERS[map.id] ?? map.issuer).vi,
      productName: dossier.productName,
      producerName: dossier.producerName,
      rubric: `${result.rubricVersion} · ${set.setCode} (${set.name})`,
      roundName: round.name,
      provinceDecision: result.decisionRef
        ? `${result.decisionRef} ngày ${result.decisionDate ? formatVietnameseDate(result.decisionDate) : '—'}`
        : '—',
      average: result.average,
      partAverages: { A: result.partA, B: result.partB, C: result.partC },
      bandStars: result.bandStars,
      markerMaxStars: result.markerMaxStars,
      stars: result.stars,
      certificateNumber: certificate?.number ?? null,
      sheets: counted.map((s) => ({
        member: members.find((m) => m.id === s.memberAccountId)?.displayName ?? s.memberAccountId,
        totals: { A: s.partA, B: s.partB, C: s.partC, total: s.total },
        rows: criteria.map((c) => {
          const choice = s.choices[c.key];
          const option = choice === null || choice === undefined ? undefined : c.options[choice];
          return {
            key: c.key,
            title: c.title,
            answer: option?.text ?? 'không đạt / none',
            points: option?.points ?? 0,
          };
        }),
      })),
      evidence: evidence.map((e) => ({ item: e.item_code, fileName: e.file_name, sizeBytes: e.size_bytes })),
      compress: this.config.CERTIFICATE_PDF_COMPRESS,
    });
  }

  /**
   * Records the ministry's decision on a proposal, once: dated between the province's decision and today, 3–5★,
   * 5★ only for a true potential 5★. 5★ (or any change of stars) issues a certificate at the central level, which
   * supersedes the province's; the same stars keep the province's certificate.
   */
  async recordDecision(actor: Actor, resultId: string, dto: MinistryDecisionDto) {
    await this.dataSource.transaction(async (manager) => {
      // The result row is locked so that two recordings of one decision queue, and the second sees the first.
      await manager.query(`SELECT 1 FROM results WHERE id = $1 FOR UPDATE`, [resultId]);
      const proposal = await this.readable(actor, resultId, manager);
      if (!mayDecideCertificates(actor)) {
        throw RatingProblems.forbidden(
          'Chỉ cán bộ cấp tỉnh ghi nhận quyết định của Bộ',
          'Only provincial officers record the ministry’s decision',
        );
      }
      if (proposal.decision) {
        throw RatingProblems.conflict(
          'ministry-decision-recorded',
          `Quyết định của Bộ (${proposal.decision.decisionRef}) đã được ghi nhận cho đề xuất này`,
          `The ministry’s decision (${proposal.decision.decisionRef}) is already recorded for this proposal`,
        );
      }
      const { result, dossier, round } = proposal;
      const today = vietnamDate(this.clock.now());
      const from = result.decisionDate ?? round.opensOn;
      if (dto.decisionDate < from || dto.decisionDate > today) {
        throw RatingProblems.invalid(
          'decisionDate',
          `phải từ ngày tỉnh công nhận (${from}) đến hôm nay (${today})`,
          `must be between the province’s decision (${from}) and today (${today})`,
        );
      }
      if (dto.stars === 5 && !potentialFiveStar('province', result)) {
        throw RatingProblems.ruleBroken(
          'five-stars-not-eligible',
          'stars',
          `sản phẩm không đủ điều kiện 5 sao (điểm ${result.average}, tiêu chí sao tối thiểu cho phép ${result.markerMaxStars} sao)`,
          `the product is not eligible for 5★ (score ${result.average}, the minimum-star markers allow ${result.markerMaxStars}★)`,
          { average: result.average, markerMaxStars: result.markerMaxStars },
        );
      }
      const current = await manager.findOne(Certificate, {
        where: { productId: dossier.productId, status: 'issued' },
        lock: { mode: 'pessimistic_write' },
      });
      let certificate: Certificate | null = current;
      if (!current || current.stars !== dto.stars) {
        certificate = await this.certificates.issue(manager, {
          productId: dossier.productId,
          producerId: dossier.producerId,
          productName: dossier.productName,
          producerName: dossier.producerName,
          stars: dto.stars,
          decisionRef: dto.decisionRef,
          decisionDate: dto.decisionDate,
          source: 'round',
          level: 'central',
          resultId: result.id,
          actorId: actor.accountId,
        });
        const data: ProductCertifiedV1 = {
          certificate: certificateV1(certificate),
          productName: dossier.productName,
          producerName: dossier.producerName,
          level: 'central',
          roundId: round.id,
          dossierId: dossier.id,
          score: result.average,
        };
        await this.outbox.add(manager, {
          type: RatingEvents.productCertified,
          subject: dossier.productId,
          data,
        });
      }
      const decision = manager.create(MinistryDecision, {
        id: randomUUID(),
        resultId: result.id,
        dossierId: dossier.id,
        productId: dossier.productId,
        decisionRef: dto.decisionRef,
        decisionDate: dto.decisionDate,
        stars: dto.stars,
        certificateId: certificate?.id ?? null,
        note: dto.note ?? null,
        recordedBy: actor.accountId,
        recordedAt: this.clock.now(),
      });
      try {
        await manager.insert(MinistryDecision, decision);
      } catch (err) {
        if (uniqueViolation(err) !== undefined) {
          throw RatingProblems.conflict(
            'ministry-decision-recorded',
            'Quyết định của Bộ đã được ghi nhận cho đề xuất này',
            'The ministry’s decision is already recorded for this proposal',
          );
        }
        throw err;
      }
      // The dossier's history says what happened to it after the province, for whoever audits it.
      await manager.query(
        `INSERT INTO dossier_events (dossier_id, action, from_status, to_status, actor_id, at, comment, details)
         VALUES ($1, 'ministry-decision', $2, $2, $3, $4, $5, $6)`,
        [
          dossier.id,
          dossier.status,
          actor.accountId,
          this.clock.now(),
          dto.note ?? null,
          JSON.stringify({
            decisionRef: dto.decisionRef,
            decisionDate: dto.decisionDate,
            stars: dto.stars,
            certificateId: certificate?.id ?? null,
          }),
        ],
      );
    });
    return this.get(actor, resultId);
  }
}
