import { Injectable } from '@nestjs/common';
import { DigitalLinkProblem, productIdOfCode, vietnamDateOf } from '@ocop/ocop-domain';
import { Clock, nextVietnamMidnight } from '../common/clock';
import { problem } from '../common/bilingual';
import { LookupConfig } from '../config';
import { ScanOfItem, ScanRecorder, ScanTarget } from '../scans/scan-recorder';
import { ItemView } from '../verification/item-view';
import { ItemStore } from '../verification/item-store';
import { ScanHistory, Verification } from '../verification/verification';
import { Verifier } from '../verification/verifier';
import { itemLinks } from './links';
import { isProductCodeLink, itemKeyOf, keyJson, ScannedLink, scannedKeyPath } from './scanned-link';
import { LinkObject, linkObjects, ParseOutcome, readRequestTarget } from './resolver-rules';

export { MAX_URI_LENGTH } from './resolver-rules';

export interface Resolved {
  link: ScannedLink;
  item: ItemView | null;
  verification: Verification;
  history: ScanHistory | null;
  now: Date;
}

export const invalidLink = (p: DigitalLinkProblem) =>
  problem('invalid-digital-link', 400, p.vi, p.en, { reason: p.code, field: p.field });

/** Parsed targets kept (each a few hundred bytes). */
const PARSED_MAX = 20_000;

/**
 * From a request target to an answer: syntax (the shared Digital Link parser, strict), the item from the read
 * model, the verification outcome and the unit's scan history. Nothing here calls another service.
 */
@Injectable()
export class Resolution {
  private year = 0;
  private yearCheckedAt = 0;

  constructor(
    private readonly config: LookupConfig,
    private readonly items: ItemStore,
    private readonly verifier: Verifier,
    private readonly scans: ScanRecorder,
    private readonly clock: Clock,
  ) {}

  /**
   * `target` is the path from /01/ on, with its query string (as received, percent-encoded). A label is scanned
   * again and again: the outcome of each target is kept (a pure function of the target, the base URL and the
   * year), at most PARSED_MAX of them, forgotten wholesale when full or when the year changes.
   */
  parse(target: string): ParseOutcome {
    const year = this.currentYear();
    if (year !== this.parsedYear || this.parsed.size >= PARSED_MAX) {
      this.parsed.clear();
      this.parsedYear = year;
    }
    let outcome = this.parsed.get(target);
    if (!outcome) {
      outcome = this.parseFresh(target, year);
      this.parsed.set(target, outcome);
    }
    return outcome;
  }

  private readonly parsed = new Map<string, ParseOutcome>();
  private parsedYear = 0;

  private parseFresh(target: string, year: number): ParseOutcome {
    return readRequestTarget(this.config.LOOKUP_BASE_URL, target, year);
  }

  async resolve(link: ScannedLink): Promise<Resolved> {
    const now = this.clock.now();
    const key = itemKeyOf(link);
    // A /t/ code names its product: a lot it never had still shows the product, with the verdict "unknown".
    const productId = isProductCodeLink(link) ? productIdOfCode(link.code) : undefined;
    const item = await this.items.find(key, link.lot, link.serial, productId);
    const verification = await this.verifier.verify(link, item);
    let history: ScanHistory | null = null;
    if (link.serial !== undefined && item?.unit) {
      history = this.scans.historyOf(key, link.serial, now);
    }
    return { link, item, verification, history, now };
  }

  /**
   * Until when this resolution's answer holds with time alone moving (events invalidate the rest): the next
   * midnight in Viet Nam (expiry dates are Vietnamese dates, and scans are counted per day), or the next instant a
   * certificate of the product starts or stops being valid, whichever comes first. Rendered answers are kept until
   * then, rather than until the end of the minute, which made every hot answer miss at once.
   */
  validUntil(resolved: Resolved): number {
    const now = resolved.now.getTime();
    let until = nextVietnamMidnight(now);
    for (const c of resolved.item?.certificates ?? []) {
      for (const at of [new Date(c.issued_at).getTime(), new Date(c.expires_at).getTime()]) {
        if (at > now && at < until) until = at;
      }
    }
    return until;
  }

  /** The item's links, one object per link and language (resolver-rules.ts). */
  links(resolved: Resolved): LinkObject[] {
    return resolved.item
      ? linkObjects(itemLinks(this.config, resolved.link, resolved.item, resolved.now))
      : [];
  }

  /**
   * Where scans of this resolution are counted (see ScanRecorder), or undefined for an unknown GTIN, which has no
   * product to count under.
   */
  scanTarget(resolved: Resolved): ScanTarget | undefined {
    const scan = this.scanOf(resolved);
    return scan && this.scans.target(scan, resolved.verification.outcome, resolved.now);
  }

  /** Counts a scan from a network (scanNetworkHash; buffered, see ScanRecorder). */
  count(target: ScanTarget, networkHash: string, at: number): void {
    this.scans.count(target, networkHash, at);
  }

  /** What a scan of this resolution records, but for who and when. */
  private scanOf(resolved: Resolved): ScanOfItem | undefined {
    const item = resolved.item;
    if (!item) return undefined;
    return {
      gtin: itemKeyOf(resolved.link),
      lot: resolved.link.lot ?? item.unit?.lot,
      serial: item.unit ? resolved.link.serial : undefined,
      batchId: item.batch?.id,
      productId: item.product.id,
      producerId: item.product.producer_id,
      productName: item.product.name_vi,
      place: item.producer?.places?.['bt-2022'] ?? {},
    };
  }

  /** A known unit's scan history as of the last flush, as JSON (by ScanTarget.unitKey). */
  historyJson(unitKey: string, now: number): string {
    return this.scans.historyJson(unitKey, now);
  }

  anchor(link: ScannedLink): string {
    return `${this.config.LOOKUP_BASE_URL}${scannedKeyPath(link)}`;
  }

  private currentYear(): number {
    const now = Date.now();
    if (now - this.yearCheckedAt > 60_000) {
      this.year = Number(vietnamDateOf(this.clock.now()).slice(0, 4));
      this.yearCheckedAt = now;
    }
    return this.year;
  }
}

/** The verification as JSON: what the JSON answer, /status and POST /verify return for one code. */
export function verificationJson(resolved: Resolved, anchor: string): Record<string, unknown> {
  const { link, item, verification, history } = resolved;
  const batch = item?.batch;
  return {
    code: anchor,
    ...keyJson(link),
    ...(link.lot !== undefined ? { lot: link.lot } : {}),
    ...(link.serial !== undefined ? { serial: link.serial } : {}),
    outcome: verification.outcome,
    level: verification.level,
    reason: verification.reason,
    ...(verification.signature ? { signature: verification.signature } : {}),
    ...(item
      ? {
          product: {
            productId: item.product.id,
            nameVi: item.product.name_vi,
            ...(item.product.name_en ? { nameEn: item.product.name_en } : {}),
            status: item.product.status,
          },
          ...(item.producer ? { producer: { name: item.producer.name } } : {}),
        }
      : {}),
    ...(batch && verification.outcome !== 'unknown'
      ? {
          batch: {
            lot: batch.lot,
            status: batch.status,
            recalled: batch.status === 'recalled',
            ...(batch.recall_reason ? { recallReason: batch.recall_reason } : {}),
            ...(batch.expiry_date ? { expiryDate: batch.expiry_date } : {}),
            ...(batch.best_before_date ? { bestBeforeDate: batch.best_before_date } : {}),
          },
        }
      : {}),
    ...(history ? { scans: history } : {}),
  };
}
