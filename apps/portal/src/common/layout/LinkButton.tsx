import { Button, type ButtonProps } from 'antd';
import { useHref, useLinkClickHandler } from 'react-router';

type LinkButtonProps = Omit<ButtonProps, 'href' | 'onClick'> & { to: string };

/**
 * A link that looks like a button: one `<a>` (not a button inside a link, which screen readers announce twice and
 * keyboards reach twice). A plain click moves inside the portal; a middle or ctrl click opens a new tab as any
 * link would.
 */
export function LinkButton({ to, ...rest }: LinkButtonProps) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLElement>(to);
  return <Button {...rest} href={href} onClick={onClick} />;
}
