import { Alert, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { formatCalendarDate, formatNumber } from '../../common/format/format';
import { type ScanTally, useDistrictNames, useScanSummary } from './goals-views';

/** Products and districts listed: the most scanned; the rest are in the lookup service's statistics. */
const TOP = 10;

/**
 * What a scan answered, grouped by what an officer does about it: genuine; a code that is not ours (unknown,
 * forged: a possible fake); a batch taken off the market (recalled, not released, past its expiry); a certificate
 * that no longer holds; the producer suspended; counted before outcomes were.
 */
const KIND: Record<string, 'genuine' | 'fake' | 'withdrawn' | 'certificate' | 'producer' | 'unrecorded'> = {
  genuine: 'genuine',
  unknown: 'fake',
  forged: 'fake',
  recalled: 'withdrawn',
  'not-released': 'withdrawn',
  expired: 'withdrawn',
  'certificate-revoked': 'certificate',
  'certificate-expired': 'certificate',
  'producer-suspended': 'producer',
  'not-recorded': 'unrecorded',
};
const kindOf = (outcome: string) => KIND[outcome] ?? 'unrecorded';
/** Segments in a fixed order, so that bars compare at a glance. */
const ORDER = Object.keys(KIND);

function Segments({ tally, of }: { tally: ScanTally; of: number }) {
  return (
    <span className="scan-track" aria-hidden="true">
      {ORDER.filter((o) => tally.outcomes[o]).map((o) => (
        <span
          key={o}
          className={`scan-seg scan-seg-${kindOf(o)}`}
          style={{ width: `${((tally.outcomes[o] ?? 0) / Math.max(1, of)) * 100}%` }}
        />
      ))}
    </span>
  );
}

const notGenuine = (tally: ScanTally) => tally.scans - (tally.outcomes['genuine'] ?? 0);

function useOutcomeWord() {
  const { t } = useTranslation();
  return (o: string) =>
    o === 'not-recorded' ? t('goals.scans.notRecorded') : t(`verify.outcome.${o}`, { defaultValue: o });
}

/** A product or a district: its scans as a bar, the total, how many did not verify, and each outcome's count. */
function Row({ name, tally, of }: { name: ReactNode; tally: ScanTally; of: number }) {
  const { t } = useTranslation();
  const outcomeWord = useOutcomeWord();
  return (
    <li>
      <span className="scan-row-name">{name}</span>
      <Segments tally={tally} of={of} />
      <span className="scan-row-figures">
        {t('goals.scans.count', { count: tally.scans, value: formatNumber(tally.scans) })}
        {notGenuine(tally) > 0 && (
          <span className="scan-row-warning">
            {' '}
            · {t('goals.scans.notGenuine', { value: formatNumber(notGenuine(tally)) })}
          </span>
        )}
      </span>
      <span className="scan-row-breakdown">
        {ORDER.filter((o) => tally.outcomes[o])
          .map((o) => `${outcomeWord(o)} ${formatNumber(tally.outcomes[o] as number)}`)
          .join(' · ')}
      </span>
    </li>
  );
}

/**
 * Scans of the 30 days up to the dashboard's day, and what they answered, by product and by district: where codes
 * that do not verify are scanned is where an inspection starts. Each bar is a picture of the figures written beside
 * it (a screen reader reads the figures).
 */
export function ScanOutcomes({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const outcomeWord = useOutcomeWord();
  const summary = useScanSummary(at);
  // Scans are placed by the producer's district on the 2022 map: the 2025 map has no districts.
  const districtName = useDistrictNames('bt-2022').data;
  const s = summary.data;
  if (summary.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (summary.error || !s) return <Alert type="warning" showIcon title={problemMessage(t, summary.error)} />;

  const maxProduct = Math.max(1, ...s.byProduct.map((p) => p.scans));
  const maxDistrict = Math.max(1, ...s.byDistrict.map((d) => d.scans));
  const en = i18n.language === 'en';
  const all: ScanTally = {
    scans: s.total,
    outcomes: Object.fromEntries(s.byOutcome.map((o) => [o.outcome, o.scans])),
  };

  return (
    <>
      <p className="muted">
        {t('goals.scans.period', { from: formatCalendarDate(s.from), to: formatCalendarDate(s.to) })}
      </p>
      {s.total === 0 ? (
        <p className="muted">{t('goals.scans.none')}</p>
      ) : (
        <>
          <p data-testid="scan-total">
            {t('goals.scans.total', {
              total: formatNumber(s.total),
              notGenuine: formatNumber(notGenuine(all)),
              percent: formatNumber(Math.round((notGenuine(all) / s.total) * 1000) / 10),
            })}
          </p>
          <Segments tally={all} of={s.total} />
          <ul className="scan-legend">
            {s.byOutcome.map((o) => (
              <li key={o.outcome}>
                <span className={`scan-swatch scan-seg-${kindOf(o.outcome)}`} aria-hidden="true" />
                {outcomeWord(o.outcome)}: <strong>{formatNumber(o.scans)}</strong>
              </li>
            ))}
          </ul>
          <div className="scan-columns">
            <section aria-labelledby="scan-by-product">
              <h3 id="scan-by-product">{t('goals.scans.byProduct')}</h3>
              <ol className="scan-rows" data-testid="scan-by-product">
                {s.byProduct.slice(0, TOP).map((p) => (
                  <Row
                    key={p.productId}
                    tally={p}
                    of={maxProduct}
                    name={
                      <>
                        {(en && p.nameEn) || p.nameVi || t('goals.scans.unnamedProduct')}
                        {p.producerName && <span className="muted"> · {p.producerName}</span>}
                      </>
                    }
                  />
                ))}
              </ol>
              {s.byProduct.length > TOP && (
                <p className="muted">{t('goals.scans.more', { count: s.byProduct.length - TOP })}</p>
              )}
            </section>
            <section aria-labelledby="scan-by-district">
              <h3 id="scan-by-district">{t('goals.scans.byDistrict')}</h3>
              <ol className="scan-rows" data-testid="scan-by-district">
                {s.byDistrict.map((d) => (
                  <Row
                    key={d.districtCode ?? 'none'}
                    tally={d}
                    of={maxDistrict}
                    name={
                      d.districtCode
                        ? (districtName?.get(d.districtCode) ?? d.districtCode)
                        : t('goals.scans.noDistrict')
                    }
                  />
                ))}
              </ol>
            </section>
          </div>
        </>
      )}
    </>
  );
}
