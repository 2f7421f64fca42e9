import { type ReactNode, useId } from 'react';

/**
 * A titled part of a page: a region named by its heading, so that a screen reader lists it among the page's
 * landmarks, with an optional line of help under the heading. The look is the page's (`className`).
 */
export function Section({
  title,
  help,
  className,
  children,
}: {
  title: string;
  help?: string;
  className: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section className={className} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {help && <p>{help}</p>}
      {children}
    </section>
  );
}
