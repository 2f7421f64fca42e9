import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { problemMessage } from '../../common/api/problem';
import {
  formatCalendarDate,
  formatNumber,
  formatValidThrough,
  vietnamToday,
} from '../../common/format/format';
import { Section } from '../../common/layout/Section';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { exportUrl, type UnitMap, useExpiring, useKpis, useTargets } from './goals-views';
import { CoverageMap } from './CoverageMap';
import { ScanOutcomes } from './ScanOutcomes';
import './goals.css';

const MAPS: UnitMap[] = ['bt-2022', 'vl-2025-07'];

const Card = ({ wide, ...props }: { title: string; children: ReactNode; wide?: boolean }) => (
  <Section className={`panel${wide ? ' goals-card-wide' : ''}`} {...props} />
);

/**
 * Horizontal bars with their figures written out: the chart is the list itself, so a screen reader reads the same
 * figures a sighted officer sees (no canvas to describe).
 */
function Bars({ rows }: { rows: { key: string; label: string; value: number; of?: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.of ?? r.value));
  return (
    <ul className="goals-bars">
      {rows.map((r) => (
        <li key={r.key}>
          <span className="goals-bar-label">{r.label}</span>
          <span className="goals-bar-track" aria-hidden="true">
            {r.of !== undefined && (
              <span className="goals-bar-of" style={{ width: `${(r.of / max) * 100}%` }} />
            )}
            <span className="goals-bar" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="goals-bar-value">
            {r.of !== undefined ? `${formatNumber(r.value)}/${formatNumber(r.of)}` : formatNumber(r.value)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The province's goals at a glance, as of any day: communes with a 3★+ product (the programme's coverage goal) by
 * commune type and on a map, certified products by star and by group, certificates expiring within 90 days,
 * annual targets against progress, label scans and what they answered by product and district; and the files the
 * Department of Agriculture's report takes (XLSX, PDF), or a print.
 */
export function Component() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('goals.title'));
  const [search, setSearch] = useSearchParams();
  const today = vietnamToday();
  const at = /^\d{4}-\d{2}-\d{2}$/.test(search.get('ngay') ?? '') ? (search.get('ngay') as string) : today;
  const askedMap = search.get('ban-do');
  const map = MAPS.find((m) => m === askedMap);
  const kpis = useKpis(at, map);
  const expiring = useExpiring();
  const targets = useTargets();
  const k = kpis.data;
  const en = i18n.language === 'en';
  const choose = (next: { at?: string; map?: string }) => {
    const params = new URLSearchParams(search);
    if (next.at !== undefined) params.set('ngay', next.at);
    if (next.map !== undefined) {
      if (next.map) params.set('ban-do', next.map);
      else params.delete('ban-do');
    }
    setSearch(params, { replace: true });
  };

  return (
    <>
      <h1>{t('goals.title')}</h1>
      <div className="goals-controls">
        <label className="goals-control">
          <span>{t('goals.asOf')}</span>
          <Input
            type="date"
            value={at}
            max={today}
            min="2019-01-01"
            onChange={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && choose({ at: e.target.value })}
          />
        </label>
        <label className="goals-control">
          <span id="goals-map-label">{t('goals.map')}</span>
          <Select
            aria-labelledby="goals-map-label"
            value={map ?? ''}
            onChange={(value: string) => choose({ map: value })}
            options={[
              { value: '', label: t('goals.mapInForce') },
              ...MAPS.map((m) => ({ value: m, label: t(`goals.maps.${m}`) })),
            ]}
            style={{ minWidth: 220 }}
          />
        </label>
        <div className="goals-exports">
          <Button icon={<DownloadOutlined aria-hidden />} href={exportUrl('kpis/export', at, map)} download>
            {t('goals.exportFigures')}
          </Button>
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={exportUrl('kpis/export', at, map, 'pdf')}
            download
          >
            {t('goals.exportFiguresPdf')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} href={exportUrl('coverage', at, map)} download>
            {t('goals.exportCoverage')}
          </Button>
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            {t('goals.print')}
          </Button>
        </div>
      </div>

      {kpis.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : kpis.error || !k ? (
        <Alert type="warning" showIcon title={problemMessage(t, kpis.error)} />
      ) : (
        <>
          <p className="muted">
            {t('goals.asOfLine', { date: formatCalendarDate(k.at), map: t(`goals.maps.${k.map}`) })}
          </p>
          <ul className="goals-figures">
            <li className="goals-figure goals-figure-main">
              <span className="goals-figure-label">{t('goals.coverage')}</span>
              <span className="goals-figure-value" data-testid="coverage-figure">
                {t('goals.coverageValue', {
                  covered: formatNumber(k.coverage.covered),
                  total: formatNumber(k.coverage.total),
                  percent: formatNumber(k.coverage.percent),
                })}
              </span>
            </li>
            <li className="goals-figure">
              <span className="goals-figure-label">{t('goals.certifiedProducts')}</span>
              <span className="goals-figure-value">{formatNumber(k.certifiedProducts)}</span>
            </li>
            <li className="goals-figure">
              <span className="goals-figure-label">{t('goals.producers')}</span>
              <span className="goals-figure-value">{formatNumber(k.producers)}</span>
            </li>
            <li className="goals-figure">
              <span className="goals-figure-label">{t('goals.expiring')}</span>
              <span className="goals-figure-value">{formatNumber(k.expiringWithin90Days)}</span>
            </li>
          </ul>
          <div className="goals-cards">
            <Card title={t('goals.byType')}>
              <Bars
                rows={k.coverage.byType.map((r) => ({
                  key: r.type,
                  label: en ? r.nameEn : r.type,
                  value: r.covered,
                  of: r.total,
                }))}
              />
            </Card>
            <Card title={t('goals.byStars')}>
              <Bars
                rows={(['3', '4', '5'] as const).map((s) => ({
                  key: s,
                  label: t('goals.stars', { count: Number(s) }),
                  value: k.byStars[s],
                }))}
              />
            </Card>
            <Card title={t('goals.byGroup')}>
              <Bars
                rows={k.byGroup.map((g) => ({
                  key: g.group,
                  label: en ? g.nameEn : g.nameVi,
                  value: g.count,
                }))}
              />
            </Card>
            {k.byDistrict.length > 0 && (
              <Card title={t('goals.byDistrict')}>
                <Bars
                  rows={k.byDistrict.map((d) => ({ key: d.code, label: d.name ?? d.code, value: d.count }))}
                />
              </Card>
            )}
            <Card title={t('goals.mapTitle')} wide>
              <CoverageMap kpis={k} />
            </Card>
          </div>
        </>
      )}

      <div className="goals-cards">
        <Card title={t('goals.scansTitle')} wide>
          <ScanOutcomes at={at} />
        </Card>
        <Card title={t('goals.targets')} wide>
          {targets.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : targets.error ? (
            <Alert type="warning" showIcon title={problemMessage(t, targets.error)} />
          ) : !targets.data?.length ? (
            <p className="muted">{t('goals.noTargets')}</p>
          ) : (
            <Bars
              rows={targets.data.map((g) => ({
                key: g.targetId,
                label: t(`goals.targetKind.${g.kind}`, { year: g.year, unit: g.unit.name }),
                value: g.progress.actual,
                of: g.progress.target,
              }))}
            />
          )}
        </Card>
        <Card title={t('goals.expiringTitle')} wide>
          {expiring.isPending ? (
            <Skeleton active paragraph={{ rows: 2 }} />
          ) : expiring.error ? (
            <Alert type="warning" showIcon title={problemMessage(t, expiring.error)} />
          ) : !expiring.data?.length ? (
            <p className="muted">{t('goals.noExpiring')}</p>
          ) : (
            <ul className="goals-expiring">
              {expiring.data.map((c) => (
                <li key={c.certificateId}>
                  <strong>{c.productName}</strong> · {c.producerName} · {t('goals.stars', { count: c.stars })}{' '}
                  · {t('goals.validThrough', { date: formatValidThrough(c.expiresAt), days: c.daysLeft })}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
