import { Alert, Button, Form } from 'antd';
import { type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import { NewPasswordFields } from '../common/forms/NewPasswordFields';
import { useProblemForm } from '../common/forms/useProblemForm';
import { usePageTitle } from '../common/layout/usePageTitle';
import { PublicPage } from './PublicPage';

/** The e-mailed link carries the token after '#', so that it never reaches a server log or a Referer header. */
const tokenOf = (hash: string) => new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';

export interface MailedLinkPasswordWords {
  title: string;
  /** Shown instead of the form when the link lost its token (cut short by a mail client, typed by hand). */
  noToken: string;
  passwordLabel: string;
  repeatLabel: string;
  submit: string;
  intro?: string;
}

/**
 * The page a mailed one-time link leads to, where a person sets a password: a password reset and an accepted
 * invitation differ only in their words, the call that spends the token and where the person lands afterwards.
 */
export function MailedLinkPasswordPage({
  words,
  spend,
  doneTo,
  footer,
}: {
  words: MailedLinkPasswordWords;
  spend: (token: string, password: string) => Promise<unknown>;
  doneTo: string;
  footer?: ReactNode;
}) {
  usePageTitle(words.title);
  const navigate = useNavigate();
  const [token] = useState(() => tokenOf(window.location.hash));
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  const [busy, setBusy] = useState(false);

  async function submit({ password }: { password: string }) {
    clearProblem();
    setBusy(true);
    try {
      await spend(token, password);
      navigate(doneTo, { replace: true });
    } catch (problem) {
      showProblem(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PublicPage title={words.title}>
      {!token ? (
        <Alert type="warning" showIcon title={words.noToken} />
      ) : (
        <>
          {words.intro && <p>{words.intro}</p>}
          {formProblem && (
            <Alert type="error" showIcon title={formProblem} role="alert" className="form-alert" />
          )}
          <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
            <NewPasswordFields label={words.passwordLabel} repeatLabel={words.repeatLabel} />
            <Button type="primary" htmlType="submit" block loading={busy}>
              {words.submit}
            </Button>
          </Form>
        </>
      )}
      {footer}
    </PublicPage>
  );
}
