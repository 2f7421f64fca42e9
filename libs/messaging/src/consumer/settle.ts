import { isObservable, lastValueFrom } from 'rxjs';

/** Waits for what a Nest handler returned (a value, a promise, or an Observable) and surfaces its error. */
export async function settle(result: unknown): Promise<void> {
  const value = await result;
  if (isObservable(value)) await lastValueFrom(value, { defaultValue: undefined });
}
