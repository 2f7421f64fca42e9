import { ValueTransformer } from 'typeorm';

/** Postgres numeric comes back as a string (it may exceed a double); our quantities fit a JS number. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
