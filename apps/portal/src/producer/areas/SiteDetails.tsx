import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentFiles } from '../../common/documents/DocumentFiles';
import { formatDateTime, formatNumber } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import type { Boundary, PointGeometry } from './geometry';
import { useCommuneName } from './place';
import { SitePage } from './SitePage';
import {
  type GrowingArea,
  type PackingHouse,
  type SiteStatus,
  useGrowingArea,
  usePackingHouse,
  useSiteHistory,
} from './site-views';

/**
 * A growing area or packing house as its producer and its reviewing officer both read it. `actions` is what the
 * reader may do with it (an officer's decision); the producer's own page has none, and is the one that files the
 * request's papers (`owner`).
 */
interface SiteDetailsProps<S> {
  id: string;
  backTo: string;
  actions?: (site: S) => ReactNode;
  owner?: boolean;
}

/** The request's papers: its owner files them until the code is issued (traceability's amendable statuses). */
function SiteDocuments({
  kind,
  id,
  owner,
  status,
}: {
  kind: 'growing-area' | 'packing-house';
  id: string;
  owner: boolean;
  status: SiteStatus;
}) {
  const { t } = useTranslation();
  return (
    <DocumentFiles
      owner={{ kind, id }}
      editable={owner && (status === 'pending' || status === 'rejected')}
      intro={t(owner ? 'areas.documentsIntro' : 'areas.documentsReviewIntro')}
    />
  );
}

const gps = (point: PointGeometry) => `${point.coordinates[1]}, ${point.coordinates[0]}`;

export function GrowingAreaDetails({ id, backTo, actions, owner = false }: SiteDetailsProps<GrowingArea>) {
  const { t } = useTranslation();
  const area = useGrowingArea(id);
  const history = useSiteHistory('growing-area', id);
  const a = area.data;
  usePageTitle(a?.name ?? t('areas.title'));
  const commune = useCommuneName(a?.place);
  return (
    <SitePage
      query={area}
      history={history}
      backTo={backTo}
      actions={a && actions?.(a)}
      documents={a && <SiteDocuments kind="growing-area" id={id} owner={owner} status={a.status} />}
      summary={
        a && {
          name: a.name,
          status: a.status,
          code: a.code,
          boundary: a.boundary as Boundary | undefined,
          point: a.location as PointGeometry | undefined,
          exportCodes: a.exportCodes,
          details: [
            { label: t('areas.field.commune'), value: commune },
            { label: t('areas.field.crop'), value: `${a.crop} · ${a.variety}` },
            { label: t('areas.field.cropCycle'), value: t(`areas.cropCycle.${a.cropCycle}`) },
            { label: t('areas.field.areaHa'), value: formatNumber(a.areaHa) },
            ...(a.boundaryAreaHa !== undefined
              ? [{ label: t('areas.field.boundaryAreaHa'), value: formatNumber(a.boundaryAreaHa) }]
              : []),
            {
              label: t('areas.field.standard'),
              value: [t(`areas.standard.${a.standard}`), a.standardDetail].filter(Boolean).join(' · '),
            },
            { label: t('areas.field.expectedYield'), value: formatNumber(a.expectedYieldTonnesPerYear) },
            { label: t('areas.field.facilityName'), value: a.facilityName },
            ...(a.traceabilityNote
              ? [{ label: t('areas.field.traceabilityNote'), value: a.traceabilityNote }]
              : []),
            ...(a.location
              ? [{ label: t('areas.field.point'), value: gps(a.location as PointGeometry) }]
              : []),
            { label: t('areas.registeredAt'), value: formatDateTime(a.createdAt) },
          ],
        }
      }
    />
  );
}

export function PackingHouseDetails({ id, backTo, actions, owner = false }: SiteDetailsProps<PackingHouse>) {
  const { t } = useTranslation();
  const house = usePackingHouse(id);
  const history = useSiteHistory('packing-house', id);
  const h = house.data;
  usePageTitle(h?.name ?? t('areas.title'));
  const commune = useCommuneName(h?.place);
  return (
    <SitePage
      query={house}
      history={history}
      backTo={backTo}
      actions={h && actions?.(h)}
      documents={h && <SiteDocuments kind="packing-house" id={id} owner={owner} status={h.status} />}
      summary={
        h && {
          name: h.name,
          status: h.status,
          code: h.code,
          point: h.location as PointGeometry | undefined,
          exportCodes: h.exportCodes,
          details: [
            { label: t('areas.field.commune'), value: commune },
            ...(h.address ? [{ label: t('areas.field.address'), value: h.address }] : []),
            { label: t('areas.field.products'), value: h.products.join(', ') },
            ...(h.capacityTonnesPerDay !== undefined
              ? [{ label: t('areas.field.capacity'), value: formatNumber(h.capacityTonnesPerDay) }]
              : []),
            ...(h.location
              ? [{ label: t('areas.field.point'), value: gps(h.location as PointGeometry) }]
              : []),
            { label: t('areas.registeredAt'), value: formatDateTime(h.createdAt) },
          ],
        }
      }
    />
  );
}
