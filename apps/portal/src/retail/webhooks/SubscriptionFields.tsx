import { Checkbox, Form, type FormInstance, Input } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiProblem, problemMessage } from '../../common/api/problem';
import { useProblemForm } from '../../common/forms/useProblemForm';
import { type EventType, useEventTypes } from './webhook-views';

export interface SubscriptionValues {
  url: string;
  eventTypes: EventType[];
  description?: string;
}

/** An event type in words (its technical name is shown beside it for the shop's developer); unknown ones as named. */
export const eventTypeName = (t: TFunction, type: string): string =>
  t(`retailWebhooks.event.${type.replace(/\./g, '_')}`, { defaultValue: type });

/** The service's refusals of an address (webhooks.service.ts checkUrl): they concern the URL field. */
const URL_PROBLEMS = new Set([
  'webhook-url-not-a-url',
  'webhook-url-not-http',
  'webhook-url-credentials',
  'webhook-url-private-address',
]);

/**
 * Shows what the service refused beside the field it concerns: the address checks (which name no field) under the
 * URL, the validation problems under their fields, and anything else above the form.
 */
export function useSubscriptionProblem(form: FormInstance<SubscriptionValues>) {
  const { t } = useTranslation();
  const { formProblem, showProblem, clearProblem } = useProblemForm(form);
  function show(problem: unknown) {
    if (problem instanceof ApiProblem && URL_PROBLEMS.has(problem.code)) {
      clearProblem();
      form.setFields([{ name: 'url', errors: [t(`retailWebhooks.problems.${problem.code}`)] }]);
      form.scrollToField('url', { focus: true });
      return;
    }
    showProblem(problem);
  }
  return { formProblem, showProblem: show, clearProblem };
}

/** Where to send, which events, and a note for the shop: the fields of a new subscription and of a change to one. */
export function SubscriptionFields() {
  const { t } = useTranslation();
  const eventTypes = useEventTypes();
  return (
    <>
      <Form.Item
        name="url"
        label={t('retailWebhooks.url')}
        extra={t('retailWebhooks.urlHelp')}
        rules={[
          { required: true, whitespace: true, message: t('retailWebhooks.urlRequired') },
          { pattern: /^https?:\/\/\S+$/i, message: t('retailWebhooks.urlShape') },
          { max: 2000, message: t('retailWebhooks.urlTooLong', { max: 2000 }) },
        ]}
      >
        <Input inputMode="url" autoComplete="url" placeholder="https://" />
      </Form.Item>
      <Form.Item
        name="eventTypes"
        label={t('retailWebhooks.events')}
        // The list comes from the service; should it fail to come, say so where the choices would be.
        extra={eventTypes.error ? problemMessage(t, eventTypes.error) : undefined}
        // A validator rather than `required`: antd would mark the group aria-required, which a group cannot be.
        rules={[
          {
            validator: (_rule, value?: EventType[]) =>
              value?.length
                ? Promise.resolve()
                : Promise.reject(new Error(t('retailWebhooks.eventsRequired'))),
          },
        ]}
      >
        <Checkbox.Group
          role="group"
          aria-label={t('retailWebhooks.events')}
          className="webhook-event-choices"
          options={(eventTypes.data ?? []).map((type) => ({
            value: type,
            label: (
              <>
                {eventTypeName(t, type)} <code className="webhook-code">{type}</code>
              </>
            ),
          }))}
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('retailWebhooks.description')}
        extra={t('retailWebhooks.descriptionHelp')}
        rules={[{ max: 500, message: t('retailWebhooks.descriptionTooLong', { max: 500 }) }]}
      >
        <Input autoComplete="off" />
      </Form.Item>
    </>
  );
}
