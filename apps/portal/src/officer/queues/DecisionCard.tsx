import { Alert, Button, Form, Input } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProblemForm } from '../../common/forms/useProblemForm';

export interface DecisionOption<A extends string> {
  action: A;
  label: string;
  /** Refusals and sanctions carry a reason the producer reads; approvals may carry a note. */
  needsReason: boolean;
  primary?: boolean;
  danger?: boolean;
}

/**
 * An officer's decision on a request: one text box (the reason, or an optional note) and a button per action that
 * the request's status allows. A refusal without a reason is stopped beside the box, in the officer's words,
 * before anything is sent; what the service refuses is shown the same way.
 */
export function DecisionCard<A extends string>({
  title,
  options,
  onDecide,
  pending,
}: {
  title: string;
  options: DecisionOption<A>[];
  onDecide: (action: A, text: string | undefined) => Promise<unknown>;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string }>();
  // The services name the box `reason` or `note`; both are this one box.
  const { formProblem, showProblem, clearProblem } = useProblemForm(form, { reason: 'text', note: 'text' });
  const [chosen, setChosen] = useState<A>();
  const headingId = useId();
  if (options.length === 0) return null;

  async function decide(option: DecisionOption<A>) {
    clearProblem();
    setChosen(option.action);
    const text = (form.getFieldValue('text') as string | undefined)?.trim() || undefined;
    if (option.needsReason && !text) {
      form.setFields([
        { name: 'text', errors: [t('officerQueues.reasonRequired', { action: option.label })] },
      ]);
      form.scrollToField('text', { focus: true });
      return;
    }
    form.setFields([{ name: 'text', errors: [] }]);
    try {
      await onDecide(option.action, text);
      form.resetFields();
    } catch (problem) {
      showProblem(problem);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {formProblem && <Alert type="error" showIcon title={formProblem} className="decision-problem" />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={() => undefined}>
        <Form.Item name="text" label={t('officerQueues.reason')} extra={t('officerQueues.reasonHelp')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <div className="actions">
          {options.map((option) => (
            <Button
              key={option.action}
              type={option.primary ? 'primary' : 'default'}
              danger={option.danger}
              loading={pending && chosen === option.action}
              disabled={pending && chosen !== option.action}
              onClick={() => void decide(option)}
            >
              {option.label}
            </Button>
          ))}
        </div>
      </Form>
    </section>
  );
}
