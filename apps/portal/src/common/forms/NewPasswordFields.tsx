import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A new password with the rules identity applies first (at least 10 characters; what makes it strong, in the
 * help), and, when `repeatLabel` is given, the same typed again. Identity stays the judge of a guessable password
 * (password-too-weak), which the form then shows beside this field.
 */
export function NewPasswordFields({
  name = 'password',
  label,
  repeatLabel,
}: {
  /** The form's field name for the password; the repeat is always `repeat`. */
  name?: string;
  label: string;
  repeatLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('password.help')}
        rules={[
          { required: true, message: t('password.required') },
          { min: 10, message: t('password.tooShort') },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {repeatLabel && (
        <Form.Item
          name="repeat"
          label={repeatLabel}
          dependencies={[name]}
          rules={[
            { required: true, message: t('password.repeatRequired') },
            ({ getFieldValue }) => ({
              validator: (_r, value?: string) =>
                !value || value === getFieldValue(name)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </>
  );
}
