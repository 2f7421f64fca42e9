import { Alert, Button, Segmented, Skeleton, Tag } from 'antd';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { type Notice, PageNotice } from '../../common/notice/PageNotice';
import { ImportSection } from './ImportSection';
import {
  type DraftRef,
  type SetState,
  type SetValidation,
  useSetHistory,
  useValidation,
  type VersionValidation,
} from './rubric-views';
import { ActivateButton, Issues, StoredReport, Totals } from './SheetReport';
import './rubrics.css';

const STATE_COLOURS: Record<SetState, string> = {
  usable: '#237804',
  provisional: '#ad4e00',
  unusable: '#a8071a',
  'no-sheet': '#a8071a',
};

const setTitle = (set: { setNo?: number; name: string }) =>
  `${set.setNo !== undefined ? `${set.setNo}. ` : ''}${set.name}`;

/** A set that asks for the admin's attention: it cannot be used as it is, or a draft waits for a decision. */
const needsLook = (set: SetValidation) => set.state !== 'usable' || set.drafts.length > 0;

/** A toggle that shows a part of the page below it, and says so to a screen reader. */
function Disclosure({
  label,
  about,
  children,
}: {
  label: string;
  /** What it is about, for a screen reader among many alike (the set's name); the eye sees it nearby. */
  about: string;
  children: () => ReactNode;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type="link"
        aria-label={`${label}: ${about}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      <div id={id} hidden={!open}>
        {open && children()}
      </div>
    </>
  );
}

function Draft({
  draft,
  name,
  onOutcome,
}: {
  draft: DraftRef;
  name: string;
  onOutcome: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <span>
        {t('adminRubrics.draftLine', {
          revision: draft.revision,
          valid: draft.usable ? t('adminRubrics.valid') : t('adminRubrics.invalid'),
        })}
      </span>
      <div className="actions">
        {draft.usable && (
          <ActivateButton
            sheet={{ sheetId: draft.sheetId, revision: draft.revision, name }}
            onOutcome={onOutcome}
          />
        )}
        <Disclosure
          label={t('adminRubrics.report')}
          about={t('adminRubrics.revision', { revision: draft.revision })}
        >
          {() => <StoredReport sheetId={draft.sheetId} />}
        </Disclosure>
      </div>
    </li>
  );
}

/** Every revision of a set, newest first: when and from what file, and a way back to an earlier good one. */
function History({
  version,
  set,
  onOutcome,
}: {
  version: string;
  set: SetValidation;
  onOutcome: (notice: Notice) => void;
}) {
  const { t } = useTranslation();
  const history = useSetHistory(version, set.setCode, true);
  if (history.isPending) return <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  if (history.error) return <Alert type="warning" showIcon title={problemMessage(t, history.error)} />;
  return (
    <ol className="rubric-history" aria-label={t('adminRubrics.historyOf', { name: set.name })}>
      {history.data.revisions.map((r) => (
        <li key={r.sheetId}>
          <strong>{t('adminRubrics.revision', { revision: r.revision })}</strong>{' '}
          <Tag>{t(`adminRubrics.status.${r.status}`)}</Tag>
          <div className="muted">
            {[
              t(`adminRubrics.source.${r.source}`),
              r.fileName ? t('adminRubrics.fromFile', { file: r.fileName }) : undefined,
              t('adminRubrics.importedAt', { time: formatDateTime(r.importedAt) }),
              r.activatedAt
                ? t('adminRubrics.activatedAt', { time: formatDateTime(r.activatedAt) })
                : undefined,
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
          {r.note && <div className="muted">{t('adminRubrics.noteLine', { note: r.note })}</div>}
          {/* Activating an earlier revision is how a mistaken activation is undone (rubric-catalog.ts). */}
          {r.status === 'superseded' && r.usable && (
            <div className="actions">
              <ActivateButton sheet={r} again onOutcome={onOutcome} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}

/** One product set's sheet: its state, the revision in use and what it adds up to, what is wrong, drafts. */
function SetItem({ version, set }: { version: string; set: SetValidation }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice>();
  return (
    <li>
      <div className="item-head">
        <h3 className="rubric-set-name">{setTitle(set)}</h3>
        <Tag color={STATE_COLOURS[set.state]}>{t(`adminRubrics.state.${set.state}`)}</Tag>
      </div>
      {set.state !== 'usable' && <p className="muted">{t(`adminRubrics.stateHelp.${set.state}`)}</p>}
      <p>
        {set.active
          ? t('adminRubrics.activeLine', {
              revision: set.active.revision,
              source: t(`adminRubrics.source.${set.active.source}`),
            })
          : t('adminRubrics.noActive')}
      </p>
      {set.totals && <Totals totals={set.totals} />}
      <Issues title={t('adminRubrics.errors')} issues={set.errors} severity="error" />
      <Issues title={t('adminRubrics.warnings')} issues={set.warnings} severity="warning" />
      <Issues title={t('adminRubrics.unverified')} issues={set.unverified ?? []} severity="note" />
      {set.drafts.length > 0 && (
        <div className="rubric-drafts">
          <h4>{t('adminRubrics.drafts')}</h4>
          <ul>
            {set.drafts.map((draft) => (
              <Draft key={draft.sheetId} draft={draft} name={set.name} onOutcome={setNotice} />
            ))}
          </ul>
        </div>
      )}
      <PageNotice notice={notice} />
      <Disclosure label={t('adminRubrics.history')} about={set.name}>
        {() => <History version={version} set={set} onOutcome={setNotice} />}
      </Disclosure>
    </li>
  );
}

function Sets({ versions }: { versions: VersionValidation[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [chosen, setChosen] = useState(versions[0]?.version);
  const [shown, setShown] = useState<'attention' | 'all'>('attention');
  const version = versions.find((v) => v.version === chosen) ?? versions[0];
  if (!version) return null;
  const sets = shown === 'all' ? version.sets : version.sets.filter(needsLook);
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('adminRubrics.setsTitle')}</h2>
      <div className="rubric-filters">
        <Segmented
          aria-label={t('adminRubrics.chooseDecision')}
          value={version.version}
          onChange={(value) => setChosen(value as string)}
          options={versions.map((v) => ({
            value: v.version,
            label: t('adminRubrics.versionName', { legalBasis: v.legalBasis }),
          }))}
        />
        <Segmented
          aria-label={t('adminRubrics.show')}
          value={shown}
          onChange={(value) => setShown(value as 'attention' | 'all')}
          options={[
            { value: 'attention', label: t('adminRubrics.showAttention') },
            { value: 'all', label: t('adminRubrics.showAll') },
          ]}
        />
      </div>
      <p>
        {t('adminRubrics.summary', {
          usable: version.usableSets.length,
          provisional: version.provisionalSets.length,
          unusable: version.unusableSets.length,
        })}
      </p>
      {sets.length === 0 ? (
        <p className="muted">{t('adminRubrics.noneAttention')}</p>
      ) : (
        <ul className="item-list rubric-list">
          {sets.map((set) => (
            <SetItem key={set.setCode} version={version.version} set={set} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The scoring sheets as the province keeps them (decision 0031): import corrected sheets as drafts, read what is
 * wrong with each, activate the ones whose points add up, and go back to an earlier revision if need be.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('adminRubrics.title'));
  const validation = useValidation();
  return (
    <>
      <h1>{t('adminRubrics.title')}</h1>
      <p>{t('adminRubrics.intro')}</p>
      {validation.isPending ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : validation.error ? (
        <Alert
          type="warning"
          showIcon
          title={problemMessage(t, validation.error)}
          action={<Button onClick={() => void validation.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        <>
          <ImportSection versions={validation.data} />
          <Sets versions={validation.data} />
        </>
      )}
    </>
  );
}
