import { Alert, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { StatusTag } from '../../producer/rating/StatusTag';
import { councilProblem } from './CouncilScoringPage';
import { useCouncilDossiers } from './council-views';

const TO_SCORE = ['accepted'];
const SCORED = ['scored', 'decided', 'proposed'];

/**
 * The dossiers of the rounds a council member sits on: those to score first, then those already finalised (whose
 * sheets every member may now read). Rating lists a member no other dossier.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('council.title'));
  const dossiers = useCouncilDossiers();
  const all = dossiers.data ?? [];
  const groups = [
    { key: 'toScore', items: all.filter((d) => TO_SCORE.includes(d.status)) },
    { key: 'scored', items: all.filter((d) => SCORED.includes(d.status)) },
  ];
  return (
    <>
      <h1>{t('council.title')}</h1>
      <p>{t('council.intro')}</p>
      {dossiers.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : dossiers.error ? (
        <Alert
          type="warning"
          showIcon
          title={councilProblem(t, dossiers.error)}
          action={<Button onClick={() => void dossiers.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        groups.map((group) => (
          <section key={group.key} className="panel" aria-labelledby={`council-${group.key}`}>
            <h2 id={`council-${group.key}`}>
              {t(`council.groups.${group.key}`, { count: group.items.length })}
            </h2>
            {group.items.length === 0 ? (
              <p className="muted">{t(`council.groups.${group.key}Empty`)}</p>
            ) : (
              <ul className="item-list">
                {group.items.map((d) => (
                  <li key={d.dossierId}>
                    <div className="item-head">
                      <Link to={`/hoi-dong/ho-so/${d.dossierId}`}>{d.productName}</Link>
                      <StatusTag status={d.status} />
                    </div>
                    <div className="muted">
                      {t('council.listLine', {
                        set: d.rubric.setNo ?? d.rubric.setCode,
                        date: formatDate(d.submittedAt ?? d.createdAt),
                      })}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </>
  );
}
