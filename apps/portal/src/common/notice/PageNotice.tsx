import { Alert } from 'antd';

/** What an action did, or why it did not. */
export type Notice = { type: 'success' | 'error'; text: string };

/**
 * Where a page says what an action did. The live region stays in the page while the notice comes and goes: a
 * screen reader announces text that appears in a region it already knows, not a region that arrives with its text.
 */
export function PageNotice({ notice }: { notice: Notice | undefined }) {
  return (
    <div aria-live="polite">
      {notice && <Alert type={notice.type} showIcon title={notice.text} className="page-alert" />}
    </div>
  );
}
