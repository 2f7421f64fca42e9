import { useTranslation } from 'react-i18next';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { formatDateTime } from '../../common/format/format';
import type { DeadLetter, ReplayResult } from './system-views';

/**
 * What a replay came to, in the admin's words, on the list and on a dead letter's own page alike: replayed, or
 * already handled (a duplicate), or failed again with the service's detail kept.
 */
export function useReplayWords() {
  const { t } = useTranslation();
  return {
    replayed: (result: ReplayResult, eventType: string | null | undefined) =>
      t(result.outcome === 'duplicate' ? 'deadLetters.replayedDuplicate' : 'deadLetters.replayed', {
        type: eventType ?? '',
      }),
    failed: (problem: unknown) =>
      problem instanceof ApiProblem && problem.code === 'dead-letter-replay-failed' && problem.detail
        ? t('deadLetters.replayFailed', {
            detail: problem.detail.replace(/^The handlers failed again: /, ''),
          })
        : problemMessage(t, problem),
  };
}

/** When a settled dead letter was replayed, or discarded and why. */
export function SettledLine({ letter }: { letter: DeadLetter }) {
  const { t } = useTranslation();
  if (letter.state === 'replayed')
    return <div>{t('deadLetters.stateReplayed', { time: formatDateTime(letter.replayedAt) })}</div>;
  if (letter.state === 'discarded')
    return (
      <div>
        {t('deadLetters.stateDiscarded', {
          time: formatDateTime(letter.discardedAt),
          reason: letter.discardReason ?? '',
        })}
      </div>
    );
  return null;
}
