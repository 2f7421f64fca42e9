import type { FormInstance } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldMessages, problemMessage } from '../api/problem';

/**
 * Shows a problem the way a person can act on it: each field the service named gets its message under that field
 * (`fieldNames` maps a service's field path to the form's name where they differ), and what concerns no field
 * goes in an alert above the form.
 */
export function useProblemForm(form: FormInstance, fieldNames: Record<string, string> = {}) {
  const { t } = useTranslation();
  const [formProblem, setFormProblem] = useState<string>();

  function show(problem: unknown): void {
    const byField = fieldMessages(t, problem);
    const known = new Set(Object.keys(form.getFieldsValue() as object));
    const fields = Object.entries(byField)
      .map(([field, message]) => ({ name: fieldNames[field] ?? field, message }))
      .filter((f) => known.has(f.name.split('.')[0]));
    form.setFields(fields.map((f) => ({ name: f.name.split('.'), errors: [f.message] })));
    // A problem with no field of this form is told as a whole, so that nothing is lost.
    setFormProblem(fields.length > 0 ? undefined : problemMessage(t, problem));
    if (fields.length > 0) form.scrollToField(fields[0].name.split('.'), { focus: true });
  }

  return { formProblem, showProblem: show, clearProblem: () => setFormProblem(undefined) };
}
