import type { TFunction } from 'i18next';
import { ApiProblem, inLanguage, problemMessage } from '../../common/api/problem';
import { checkGtin } from './gtin';

export interface FormFieldError {
  name: (string | number)[];
  errors: string[];
}

/** Fields of the product form, named as the catalogue's DTO names them. */
const FORM_FIELDS = new Set([
  'nameVi',
  'nameEn',
  'productSet',
  'descriptionVi',
  'descriptionEn',
  'ingredients',
  'allergens',
  'shelfLifeDays',
  'geographicalIndication',
  'trademark',
]);

/** A problem as a whole, in the products area's words where it has them, else the portal's. */
export function productProblemMessage(t: TFunction, problem: unknown): string {
  const own =
    problem instanceof ApiProblem ? t(`products.problems.${problem.code}`, { defaultValue: '' }) : '';
  return own || problemMessage(t, problem);
}

/** The problems whose words the portal has for a GTIN, rather than the service's list of numbers. */
const GTIN_CODES = new Set(['gtin-taken', 'gtin-owned-by-another-producer']);

/** "[1] "893…" sai số kiểm tra (phải là 5)" → entry 1 and the message without its index. */
const INDEXED = /^\[(\d+)\]\s*(.*)$/s;

/**
 * Where each of the catalogue's complaints goes in the product form. The GTINs are a list of inputs, and the
 * catalogue names them three ways: `gtins[i]` (outside the company prefix), `gtins` with one "[i] …" part per bad
 * entry (the format checks, joined by "; "), and `gtins` with the numbers in `extensions.gtins` (taken, or held by
 * another producer). Each lands under the entry it concerns; what fits no field is told above the form.
 */
export function productProblem(
  t: TFunction,
  problem: unknown,
  gtins: readonly string[],
): { fields: FormFieldError[]; message?: string } {
  if (!(problem instanceof ApiProblem)) return { fields: [], message: productProblemMessage(t, problem) };
  const byName = new Map<string, FormFieldError>();
  const add = (name: (string | number)[], message: string) => {
    const key = name.join('.');
    const found = byName.get(key);
    if (found) found.errors.push(message);
    else byName.set(key, { name, errors: [message] });
  };
  const entry = (i: number) => (i >= 0 && i < gtins.length ? i : 0);

  for (const e of problem.errors) {
    const indexed = /^gtins\[(\d+)\]$/.exec(e.field);
    if (indexed) {
      add(['gtins', entry(Number(indexed[1]))], inLanguage(e.message) ?? t('rules.invalid'));
    } else if (e.field === 'gtins' && GTIN_CODES.has(problem.code)) {
      const listed = (problem.extensions['gtins'] as string[] | undefined) ?? [];
      const hit = gtins
        .map((g, i) => ({ g: checkGtin(g), i }))
        .filter(({ g }) => g.ok && listed.includes(g.gtin14));
      const message = t(`products.problems.${problem.code}`);
      (hit.length ? hit.map((h) => h.i) : [0]).forEach((i) => add(['gtins', i], message));
    } else if (e.field === 'gtins') {
      for (const part of e.message.split('; ')) {
        const words = inLanguage(part) ?? part;
        const m = INDEXED.exec(words);
        add(['gtins', entry(m ? Number(m[1]) : 0)], m ? m[2] : words);
      }
    } else if (FORM_FIELDS.has(e.field)) {
      const own = e.rule ? t(`rules.${e.rule}`, { defaultValue: '' }) : '';
      add([e.field], inLanguage(e.message) ?? (own || t('rules.invalid')));
    }
  }
  const fields = [...byName.values()];
  if (fields.length) return { fields };
  return { fields, message: productProblemMessage(t, problem) };
}
