import { Alert, Button, Input, Tag } from 'antd';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../../common/api/problem';
import { formatNumber, formatValidThrough } from '../../common/format/format';
import { ScrollBox } from '../../common/layout/ScrollBox';
import { usePageTitle } from '../../common/layout/usePageTitle';
import { CameraScanner, cameraAvailable } from './CameraScanner';
import { codesOf, MAX_CODES, type VerifyResult, verifyCodes, verifyFile, withCode } from './verify-views';
import './verify.css';

/** Genuine is green; what is not the product it claims (forged, unknown, unreadable) red; the rest a warning. */
const outcomeColor = (outcome: string) =>
  outcome === 'genuine'
    ? '#1f6f43'
    : ['forged', 'unknown', 'invalid'].includes(outcome)
      ? '#cf1322'
      : '#ad4e00';
/** Rows shown on the page; the downloaded file has every one. */
const SHOWN = 200;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** The answers: how many of each verdict, then one row per code in the order given. */
function Results({ results }: { results: VerifyResult[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const en = i18n.language === 'en';
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const verdict = (r: VerifyResult) => (r.reason ? (en ? r.reason.en : r.reason.vi) : r.outcome);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{t('verify.results', { count: results.length })}</h2>
      <ul className="verify-counts">
        {[...counts].map(([outcome, n]) => (
          <li key={outcome}>
            <strong>{formatNumber(n)}</strong> {t(`verify.outcome.${outcome}`, { defaultValue: outcome })}
          </li>
        ))}
      </ul>
      {results.length > SHOWN && <p className="muted">{t('verify.firstRows', { count: SHOWN })}</p>}
      <ScrollBox labelledBy={id}>
        <table className="verify-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('verify.code')}</th>
              <th scope="col">{t('verify.verdict')}</th>
              <th scope="col">{t('verify.product')}</th>
              <th scope="col">{t('verify.ocop')}</th>
            </tr>
          </thead>
          <tbody>
            {results.slice(0, SHOWN).map((r, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td className="verify-code">{r.code}</td>
                <td>
                  <Tag color={outcomeColor(r.outcome)}>
                    {t(`verify.outcome.${r.outcome}`, { defaultValue: r.outcome })}
                  </Tag>
                  <div className="muted">{verdict(r)}</div>
                </td>
                <td>
                  {(en ? r.product?.nameEn : undefined) ?? r.product?.nameVi ?? '—'}
                  {r.producer?.name && <div className="muted">{r.producer.name}</div>}
                </td>
                <td>
                  {r.ocop ? (
                    <>
                      {t('verify.stars', { count: r.ocop.stars })}
                      <div className="muted">
                        {t(`verify.certificate.${r.ocop.certificate.state}`, {
                          number: r.ocop.certificate.number,
                          date: formatValidThrough(r.ocop.certificate.expiresAt),
                        })}
                      </div>
                    </>
                  ) : (
                    t('verify.noCertificate')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

/**
 * A retailer checks a delivery: codes pasted or typed (a scanner that types works the same), read by the device's
 * camera, or a CSV file of up to 1,000 codes; each answered with its verdict, product, OCOP star and certificate,
 * and the file's answers downloaded as CSV for the shop's records. Checks are not counted as consumer scans.
 */
export function Component() {
  const { t } = useTranslation();
  usePageTitle(t('verify.title'));
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string>();
  const [file, setFile] = useState<{ name: string; body: string }>();
  const [results, setResults] = useState<VerifyResult[]>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState<'codes' | 'file' | 'download'>();
  const [download, setDownload] = useState<{ url: string; name: string }>();
  const fileInput = useRef<HTMLInputElement>(null);
  // Asked once: a page served over plain HTTP, or an old browser, has no camera to offer.
  const [canScan] = useState(cameraAvailable);
  const [scanning, setScanning] = useState(false);
  useEffect(() => () => download && URL.revokeObjectURL(download.url), [download]);

  /** A code the camera read joins the list (once), to be checked with the rest. */
  function addScanned(code: string): boolean {
    const next = withCode(text, code);
    if (next === undefined) return false;
    setText(next);
    setTextError(undefined);
    return true;
  }

  async function run(kind: 'codes' | 'file') {
    setProblem(undefined);
    setTextError(undefined);
    setDownload(undefined);
    if (kind === 'codes') {
      const codes = codesOf(text);
      if (codes.length === 0) return setTextError(t('verify.noCodes'));
      if (codes.length > MAX_CODES) return setTextError(t('verify.tooMany', { max: MAX_CODES }));
    }
    setBusy(kind);
    try {
      setResults(
        kind === 'codes' ? await verifyCodes(codesOf(text)) : await verifyFile(file?.body ?? '', 'json'),
      );
    } catch (failure) {
      setResults(undefined);
      if (kind === 'codes') setTextError(problemMessage(t, failure));
      else setProblem(problemMessage(t, failure));
    } finally {
      setBusy(undefined);
    }
  }

  async function prepareDownload() {
    setBusy('download');
    try {
      const csv = await verifyFile(file?.body ?? '', 'csv');
      const name = `${(file?.name ?? 'ma').replace(/\.csv$/i, '')}-ket-qua.csv`;
      setDownload({ url: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })), name });
    } catch (failure) {
      setProblem(problemMessage(t, failure));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <div className="verify-inputs">
        <Section title={t('verify.pasteTitle')}>
          <label htmlFor="verify-codes" className="verify-label">
            {t('verify.codesLabel')}
          </label>
          <Input.TextArea
            id="verify-codes"
            rows={5}
            value={text}
            onChange={(e) => setText(e.target.value)}
            status={textError ? 'error' : undefined}
            aria-invalid={textError ? true : undefined}
            aria-describedby="verify-codes-help verify-codes-error"
          />
          <p id="verify-codes-help" className="muted">
            {t('verify.codesHelp', { max: MAX_CODES })}
          </p>
          {textError && (
            <p id="verify-codes-error" className="verify-error" role="alert">
              {textError}
            </p>
          )}
          <div className="actions">
            <Button type="primary" onClick={() => void run('codes')} loading={busy === 'codes'}>
              {t('verify.check')}
            </Button>
            {canScan && (
              <Button
                aria-expanded={scanning}
                aria-controls="verify-camera"
                onClick={() => setScanning(!scanning)}
              >
                {t(scanning ? 'verify.camera.stop' : 'verify.camera.start')}
              </Button>
            )}
          </div>
          <div id="verify-camera">{scanning && <CameraScanner onCode={addScanned} />}</div>
        </Section>
        <Section title={t('verify.fileTitle')}>
          <p className="muted">{t('verify.fileHelp', { max: MAX_CODES })}</p>
          <input
            ref={fileInput}
            id="verify-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            // Not shown at all: the button below, named for what it does, opens it (one control, not two).
            hidden
            onChange={async (e) => {
              const chosen = e.target.files?.[0];
              setDownload(undefined);
              setFile(chosen ? { name: chosen.name, body: await chosen.text() } : undefined);
            }}
          />
          <div className="actions">
            <Button onClick={() => fileInput.current?.click()}>{t('verify.chooseFile')}</Button>
            {file && <span>{t('verify.chosen', { name: file.name })}</span>}
          </div>
          {problem && <Alert type="error" showIcon role="alert" title={problem} className="verify-alert" />}
          <div className="actions">
            <Button
              type="primary"
              disabled={!file}
              onClick={() => void run('file')}
              loading={busy === 'file'}
            >
              {t('verify.checkFile')}
            </Button>
            <Button disabled={!file} onClick={() => void prepareDownload()} loading={busy === 'download'}>
              {t('verify.prepareDownload')}
            </Button>
            {download && (
              <a href={download.url} download={download.name} className="verify-download">
                {t('verify.download', { name: download.name })}
              </a>
            )}
          </div>
        </Section>
      </div>
      {results && <Results results={results} />}
    </>
  );
}
